#include "life/LifeEngine.h"

#include "life/BitpackedEngine.h"
#include "life/NaiveEngine.h"
#include "util/Error.h"

namespace algoscope::life {

std::unique_ptr<LifeEngine> makeCpuEngine(std::string_view name) {
    if (name == "naive")
        return std::make_unique<NaiveEngine>();
    if (name == "bitpacked")
        return std::make_unique<BitpackedEngine>();
    throw util::Error("unknown Life engine '" + std::string(name) +
                      "' (CPU engines: naive, bitpacked; gpu needs an OpenGL 4.3 context)");
}

std::vector<std::string> cpuEngineNames() {
    return {"naive", "bitpacked"};
}

} // namespace algoscope::life
