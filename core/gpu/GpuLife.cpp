#include "gpu/GpuLife.h"

#include "gpu/Dispatch.h"
#include "util/Error.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>

namespace algoscope::gpu {

namespace {

static_assert(std::endian::native == std::endian::little,
              "GpuLife copies Board rows (uint64 words) as uint32 words");

constexpr std::uint32_t kPopLocalSize = 256;
constexpr std::uint32_t kPopWordsPerThread = 16;
// A batch of generations is queued, then waited for; its size adapts so that a batch takes
// about this long: long enough that the wait costs little, short enough for prompt cancellation.
constexpr double kBatchSeconds = 0.004;
constexpr std::uint32_t kMaxBatch = 4096;

ShaderProgram buildStep(const life::Rule& rule) {
    return ShaderProgram::fromResource(
        "shaders/life_step.comp", {{"LOCAL_X", std::to_string(GpuLife::kLocalSizeX)},
                                   {"LOCAL_Y", std::to_string(GpuLife::kLocalSizeY)},
                                   {"BIRTH_MASK", std::to_string(rule.birthMask()) + "u"},
                                   {"SURVIVAL_MASK", std::to_string(rule.survivalMask()) + "u"}});
}

} // namespace

GpuLife::GpuLife()
    : m_step(buildStep(m_rule)), m_stepRule(m_rule),
      m_popcount(ShaderProgram::fromResource("shaders/life_popcount.comp",
                                             {{"LOCAL_SIZE", std::to_string(kPopLocalSize)}})),
      m_count(2 * sizeof(std::uint32_t)) {}

GpuLife::~GpuLife() = default;

void GpuLife::ensureStepProgram() {
    if (!(m_stepRule == m_rule)) {
        m_step = buildStep(m_rule);
        m_stepRule = m_rule;
    }
}

void GpuLife::setBoard(const life::Board& board) {
    if (board.isEmpty())
        throw util::Error("gpu engine: empty board");
    const std::uint32_t words = (board.width() + 31) / 32;
    const std::uint64_t bytes = std::uint64_t(words) * board.height() * sizeof(std::uint32_t);
    if (bytes > Buffer::maxBindableBytes())
        throw util::LimitError(
            "gpu engine: a " + std::to_string(board.width()) + " x " +
            std::to_string(board.height()) + " board needs " + std::to_string(bytes >> 20) +
            " MiB in one shader storage buffer, more than this driver's "
            "GL_MAX_SHADER_STORAGE_BLOCK_SIZE (" +
            std::to_string(Buffer::maxBindableBytes() >> 20) + " MiB); use the bitpacked engine");
    // Board rows are uint64 words, cell x at bit x % 64: on a little-endian machine those bytes
    // are exactly uint32 words with cell x at bit x % 32, so a row is copied as bytes.
    std::vector<std::uint32_t> host(std::size_t(words) * board.height());
    for (std::uint32_t y = 0; y < board.height(); ++y)
        std::memcpy(host.data() + std::size_t(y) * words, board.row(y).data(),
                    std::size_t(words) * sizeof(std::uint32_t));
    if (m_width != board.width() || m_height != board.height() || m_cells[0].isEmpty()) {
        m_cells[0] = Buffer(std::size_t(bytes));
        m_cells[1] = Buffer(std::size_t(bytes));
    }
    m_cells[0].upload(std::span<const std::uint32_t>(host));
    m_current = 0;
    m_width = board.width();
    m_height = board.height();
    m_wordsPerRow = words;
    m_population.reset();
}

void GpuLife::readBoard(life::Board& out) const {
    if (out.width() != m_width || out.height() != m_height)
        out = m_width ? life::Board(m_width, m_height) : life::Board();
    if (!m_width)
        return;
    const auto host =
        m_cells[m_current].download<std::uint32_t>(std::size_t(m_wordsPerRow) * m_height);
    for (std::uint32_t y = 0; y < m_height; ++y) {
        auto row = out.row(y);
        std::fill(row.begin(), row.end(), 0);
        std::memcpy(row.data(), host.data() + std::size_t(y) * m_wordsPerRow,
                    std::size_t(m_wordsPerRow) * sizeof(std::uint32_t));
    }
    out.clearPadding();
}

void GpuLife::dispatchStep() {
    m_cells[m_current].bindBase(0);
    m_cells[1 - m_current].bindBase(1);
    dispatch2D(m_step, m_wordsPerRow, m_height, {kLocalSizeX, kLocalSizeY}, kShaderStorageBarrier);
    m_current = 1 - m_current;
}

void GpuLife::step(std::uint64_t generations, const util::TaskContext& ctx) {
    if (m_width == 0)
        throw util::Error("gpu engine: no board set");
    if (generations == 0)
        return;
    ensureStepProgram();
    m_step.setUniform("u_width", m_width);
    m_step.setUniform("u_height", m_height);
    m_step.setUniform("u_wordsPerRow", m_wordsPerRow);
    m_step.setUniform("u_torus", std::uint32_t(m_topology == life::Topology::Torus ? 1 : 0));
    m_population.reset();
    std::uint64_t done = 0;
    while (done < generations) {
        ctx.checkCancelled();
        ctx.report(double(done) / double(generations));
        const std::uint32_t batch =
            std::uint32_t(std::min<std::uint64_t>(m_batch, generations - done));
        const auto t0 = std::chrono::steady_clock::now();
        for (std::uint32_t g = 0; g < batch; ++g)
            dispatchStep();
        glFinish(); // the batch is done: generation() is exact and cancel can act now
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        done += batch;
        m_generation += batch;
        // Next batch: scaled toward kBatchSeconds, at most doubling or halving at a time.
        if (batch == m_batch) {
            if (s < kBatchSeconds / 2)
                m_batch = std::min(kMaxBatch, m_batch * 2);
            else if (s > kBatchSeconds * 2)
                m_batch = std::max<std::uint32_t>(1, m_batch / 2);
        }
    }
    ctx.report(1.0);
}

std::uint64_t GpuLife::population() const {
    if (m_population)
        return *m_population;
    if (!m_width)
        return 0;
    const std::uint32_t zero[2] = {0, 0};
    m_count.upload(std::span<const std::uint32_t>(zero));
    const std::uint64_t words = std::uint64_t(m_wordsPerRow) * m_height;
    m_cells[m_current].bindBase(0);
    m_count.bindBase(1);
    m_popcount.setUniform("u_words", std::uint32_t(words));
    m_popcount.setUniform("u_wordsPerThread", kPopWordsPerThread);
    dispatch1D(m_popcount, (words + kPopWordsPerThread - 1) / kPopWordsPerThread, kPopLocalSize);
    const auto c = m_count.download<std::uint32_t>(2);
    m_population = (std::uint64_t(c[1]) << 32) | c[0];
    return *m_population;
}

} // namespace algoscope::gpu
