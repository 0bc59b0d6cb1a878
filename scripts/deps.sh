# Sourced by scripts/run and scripts/test: installs every Debian 12 package algoscope needs.
# As root it runs apt-get; otherwise it prints the exact command and stops.
# Why each package is there: see ARCHITECTURE.md ("Dependencies").
ALGOSCOPE_PACKAGES=(
    cmake ninja-build g++ pkg-config git
    qt6-base-dev qt6-qpa-plugins libqt6opengl6-dev libqt6svg6-dev qt6-svg-dev
    libqcustomplot-dev libqcustomplot2.1-qt6 libimgui-dev
    libepoxy-dev libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri libglm-dev
    libeigen3-dev libgmp-dev libmpfr-dev nlohmann-json3-dev libomp-dev libbenchmark-dev
    zlib1g-dev
    xvfb xauth
    clang libclang-rt-14-dev clang-format
)

algoscope_missing_packages() {
    local missing=()
    local p
    for p in "${ALGOSCOPE_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    echo "${missing[@]}"
}

algoscope_install_deps() {
    local missing
    missing=$(algoscope_missing_packages)
    if [ -z "$missing" ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "algoscope needs these Debian packages; please run:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
        exit 1
    fi
    echo "== installing: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
}
