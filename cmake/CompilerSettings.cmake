# Warning and sanitizer flags live on interface targets, never in global CMAKE_CXX_FLAGS.
add_library(algoscope_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(algoscope_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endif()

add_library(algoscope_sanitizers INTERFACE)
if(ALGOSCOPE_SANITIZE)
    string(REPLACE ";" "," _san "${ALGOSCOPE_SANITIZE}")
    message(STATUS "algoscope: building with -fsanitize=${_san}")
    target_compile_options(algoscope_sanitizers INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer
                           -fno-sanitize-recover=all)
    target_link_options(algoscope_sanitizers INTERFACE -fsanitize=${_san})
endif()

# Every project target links this one.
add_library(algoscope_options INTERFACE)
target_link_libraries(algoscope_options INTERFACE algoscope_warnings algoscope_sanitizers)

# -march=native is the one flag that must be global: Eigen's fixed-size objects change their
# alignment with the vector ISA, so every translation unit (core, widgets, tests, benchmarks)
# must see the same one or objects passed between them break (Eigen's "mixing" rule). Without it
# GCC targets x86-64 baseline (SSE2) and Eigen's GEMMs, used by core/nn training and the GEMM
# attention kernel, run about 2x slower (docs/benchmarks.md, "Build flags"). Turn it off
# (-DALGOSCOPE_NATIVE=OFF) to build binaries for another machine.
if(ALGOSCOPE_NATIVE AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    include(CheckCXXCompilerFlag)
    check_cxx_compiler_flag(-march=native ALGOSCOPE_HAVE_MARCH_NATIVE)
    if(ALGOSCOPE_HAVE_MARCH_NATIVE)
        add_compile_options(-march=native)
        message(STATUS "algoscope: tuning for this CPU (-march=native)")
    endif()
endif()
