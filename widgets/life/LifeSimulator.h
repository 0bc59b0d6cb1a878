#pragma once
// Owns the Life engine and, for the GPU engine, its headless OpenGL context. Used only from the
// lab's task runner, one task at a time (each task may run on a different worker thread: the
// GL context is made current for the task and released after). The GPU engine falls back to the
// bitpacked CPU engine when no OpenGL 4.3 context can be made, and says so.
#include "life/Board.h"
#include "life/BoardRaster.h"
#include "life/Rule.h"
#include "life/Topology.h"
#include "util/TaskContext.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace algoscope::life {
class LifeEngine;
}
namespace algoscope::gpu {
class HeadlessContext;
}

namespace algoscope::ui {

class LifeSimulator {
public:
    struct Request {
        std::optional<life::Board> load; // set when the displayed board changed since last step
        std::uint64_t startGeneration = 0;
        life::Rule rule;
        life::Topology topology = life::Topology::Torus;
        std::string engine = "bitpacked";
        std::uint64_t generations = 1;
        bool stopWhenStable = false;
        /// The canvas's visible region: the result carries its picture, built on the worker so
        /// the GUI thread only uploads it (a 4096^2 board stays at 60 fps).
        std::optional<life::RasterRegion> view;
    };
    struct Result {
        life::Board board;
        std::uint64_t generation = 0;
        std::uint64_t generationsRun = 0;
        double seconds = 0;
        std::optional<std::uint32_t> period;
        std::string engineUsed;
        std::string note;                       // e.g. why the GPU engine was replaced
        std::optional<life::RasterRegion> view; // the region `texels` shows
        std::vector<std::uint8_t> texels;
    };

    LifeSimulator();
    ~LifeSimulator(); // destroys the GPU engine with its context current (on the calling thread)

    Result step(const Request& request, const util::TaskContext& ctx);

private:
    void ensureEngine(const std::string& name, std::string* note);
    std::unique_ptr<gpu::HeadlessContext> m_context;
    std::unique_ptr<life::LifeEngine> m_engine;
    std::string m_engineName;
    bool m_gpuFailed = false;
    std::string m_gpuWhyNot;
};

} // namespace algoscope::ui
