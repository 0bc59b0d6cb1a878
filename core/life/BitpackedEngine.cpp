#include "life/BitpackedEngine.h"

#include "life/BitpackedLayout.h"
#include "life/TargetRegion.h"
#include "util/Error.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

namespace algoscope::life {

namespace {

using bitpacked::kRowDataOffset;
using bitpacked::kVectorWords;

// 64-byte aligned, zero-filled words (the kernels use aligned vector loads).
struct AlignedWords {
    struct Free {
        void operator()(std::uint64_t* p) const noexcept { std::free(p); }
    };
    std::unique_ptr<std::uint64_t, Free> p;
    std::size_t size = 0;

    AlignedWords() = default;
    AlignedWords(std::size_t words, const char* what) {
        const std::size_t bytes = (words * sizeof(std::uint64_t) + 63) / 64 * 64;
        p.reset(
            static_cast<std::uint64_t*>(std::aligned_alloc(64, std::max<std::size_t>(bytes, 64))));
        if (!p)
            throw util::LimitError(std::string("bitpacked engine: out of memory allocating ") +
                                   what + " (" + std::to_string(bytes >> 20) + " MiB)");
        std::memset(p.get(), 0, bytes);
        size = words;
    }
    std::uint64_t* get() const noexcept { return p.get(); }
};

bool cpuHasAvx2() noexcept {
#if ALGOSCOPE_X86_SIMD
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
#else
    return false;
#endif
}

bool cpuHasAvx512() noexcept {
#if ALGOSCOPE_X86_SIMD
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2") &&
           __builtin_cpu_supports("popcnt");
#else
    return false;
#endif
}

// Temporal blocking ("several generations per pass"). A board of 4096 x 4096 cells is 2 MiB per
// generation, more than this CPU's 2 MiB of L2, so a plain generation-by-generation sweep streams
// 4 MiB (read + write) through L3 per generation. Instead each band of R rows is advanced k
// generations in a thread's private pair of buffers of R + 2k rows (the "halo": to know rows
// [y0, y1) after k generations one needs rows [y0 - k, y1 + k) now, and each generation the valid
// range shrinks by one row at each end, a trapezoid). The buffers are sized to stay in L2, the
// global board is read and written once per k generations, and threads meet at a barrier once
// per k generations instead of once per generation (which matters on a busy machine, where a
// descheduled thread stalls every barrier). The price is recomputing k(k-1) halo rows per band:
// 6% with R = 256 and k = 16, against a 2x gain from staying in L2 (measured: 4.5e10 cell-updates/s
// with k = 1, 1e11 with k = 16 on a 4096^2 torus, one thread).
constexpr std::size_t kPassBufferBytes = 384 * 1024; // both private buffers of a band, in L2
constexpr std::uint32_t kMaxPassGenerations = 16;

// Band height and generations per pass for rows of rowBytes bytes.
struct PassShape {
    std::uint32_t rows;
    std::uint32_t generations;
};

PassShape passShape(std::size_t rowBytes, std::uint32_t height, int threads) {
    // Largest band whose two buffers (with a halo of kMax rows) fit kPassBufferBytes.
    std::uint64_t rows = kPassBufferBytes / (2 * rowBytes);
    rows = rows > 2 * kMaxPassGenerations ? rows - 2 * kMaxPassGenerations : 0;
    rows = std::min<std::uint64_t>(rows, 256);
    // Halo overhead (k - 1) / R stays small: k <= R / 16.
    std::uint32_t k = std::uint32_t(std::min<std::uint64_t>(kMaxPassGenerations, rows / 16));
    if (k < 2) {
        // Rows too wide for blocking (over ~12k cells): plain generations, bands of about 2^21
        // cells so cancellation is still polled every ~0.1 ms.
        k = 1;
        rows = std::max<std::uint64_t>(16, (std::uint64_t{1} << 21) / (rowBytes * 8));
    }
    // At least a few bands per thread, for balance.
    if (threads > 1)
        rows = std::min<std::uint64_t>(rows, (height + 4 * std::uint64_t(threads) - 1) /
                                                 (4 * std::uint64_t(threads)));
    rows = std::clamp<std::uint64_t>(rows, 1, height);
    return {std::uint32_t(rows), k};
}

} // namespace

struct BitpackedEngine::Impl {
    Isa isa = Isa::Scalar;
    bitpacked::KernelFn kernel = bitpacked::stepBandScalar;
    AlignedWords cur, next, zeroRow;
    struct ThreadBuffers {
        AlignedWords pass[2]; // temporal blocking: R + 2k rows each
        std::vector<const std::uint64_t*> src;
        std::vector<std::uint64_t*> dst;
    };
    std::vector<ThreadBuffers> threadBuffers; // one per thread
    std::size_t passRowsAllocated = 0, passStride = 0;
    std::size_t dataWords = 0, vecWords = 0, stride = 0;
    mutable std::optional<std::uint64_t> population;

    std::uint64_t* rowData(AlignedWords& b, std::uint32_t y) const noexcept {
        return b.get() + std::size_t(y) * stride + kRowDataOffset;
    }
    const std::uint64_t* rowData(const AlignedWords& b, std::uint32_t y) const noexcept {
        return b.get() + std::size_t(y) * stride + kRowDataOffset;
    }
};

BitpackedEngine::BitpackedEngine(Isa isa) : m_impl(std::make_unique<Impl>()) {
    if (isa == Isa::Auto)
        isa = cpuHasAvx512() ? Isa::Avx512 : cpuHasAvx2() ? Isa::Avx2 : Isa::Scalar;
    if (!isaSupported(isa))
        throw util::Error("bitpacked engine: this CPU does not support the requested "
                          "instruction set");
    m_impl->isa = isa;
    m_impl->kernel = isa == Isa::Avx512 ? bitpacked::stepBandAvx512
                     : isa == Isa::Avx2 ? bitpacked::stepBandAvx2
                                        : bitpacked::stepBandScalar;
}

BitpackedEngine::~BitpackedEngine() = default;

bool BitpackedEngine::isaSupported(Isa isa) noexcept {
    switch (isa) {
    case Isa::Auto:
    case Isa::Scalar:
        return true;
    case Isa::Avx2:
        return cpuHasAvx2();
    case Isa::Avx512:
        return cpuHasAvx512();
    }
    return false;
}

std::string_view BitpackedEngine::isaName() const noexcept {
    switch (m_impl->isa) {
    case Isa::Avx512:
        return "avx512";
    case Isa::Avx2:
        return "avx2";
    default:
        return "scalar";
    }
}

void BitpackedEngine::setBoard(const Board& board) {
    if (board.isEmpty())
        throw util::Error("bitpacked engine: empty board");
    Impl& d = *m_impl;
    const std::size_t n = board.wordsPerRow();
    const std::size_t vec = (n + kVectorWords - 1) / kVectorWords * kVectorWords;
    const std::size_t stride = vec + kRowDataOffset;
    // Trailing words: the last row's right ghost and the last vector's one-word over-read.
    const std::size_t total = std::size_t(board.height()) * stride + kVectorWords;
    if (board.width() != m_width || board.height() != m_height || !d.cur.get()) {
        d.cur = AlignedWords(total, "the current generation");
        d.next = AlignedWords(total, "the next generation");
        d.zeroRow = AlignedWords(stride + kVectorWords, "a border row");
        m_width = board.width();
        m_height = board.height();
        d.dataWords = n;
        d.vecWords = vec;
        d.stride = stride;
    }
    for (std::uint32_t y = 0; y < m_height; ++y) {
        std::uint64_t* row = d.rowData(d.cur, y);
        std::copy(board.row(y).begin(), board.row(y).end(), row);
        bitpacked::fixGhosts(row, m_width, n, m_topology == Topology::Torus);
    }
    d.population.reset();
}

void BitpackedEngine::readBoard(Board& out) const {
    const Impl& d = *m_impl;
    if (out.width() != m_width || out.height() != m_height)
        out = m_width ? Board(m_width, m_height) : Board();
    const std::uint64_t mask = out.lastWordMask();
    for (std::uint32_t y = 0; y < m_height; ++y) {
        const std::uint64_t* row = d.rowData(d.cur, y);
        auto dst = out.row(y);
        std::copy(row, row + d.dataWords, dst.begin());
        dst[d.dataWords - 1] &= mask;
    }
}

void BitpackedEngine::step(std::uint64_t generations, const util::TaskContext& ctx) {
    Impl& d = *m_impl;
    if (m_width == 0)
        throw util::Error("bitpacked engine: no board set");
    if (generations == 0)
        return;
    const bool torus = m_topology == Topology::Torus;
    // The ghosts hold the topology: re-write them in case it changed since setBoard/the last
    // step (cheap: two words per row).
    for (std::uint32_t y = 0; y < m_height; ++y)
        bitpacked::fixGhosts(d.rowData(d.cur, y), m_width, d.dataWords, torus);

    // By default threads are used only where they pay for a barrier per pass: one per 2^19
    // cells at most (a single thread under a million cells). An explicit setThreads() is obeyed.
    const std::uint64_t boardCells = std::uint64_t(m_width) * m_height;
    const int threads =
        m_threads > 0
            ? m_threads
            : std::max(1, std::min<int>(omp_get_max_threads(),
                                        int(std::min<std::uint64_t>(boardCells >> 19, 4096))));
    const PassShape shape = passShape(d.stride * sizeof(std::uint64_t), m_height, threads);
    const std::uint32_t bandRows = shape.rows;
    const std::uint32_t bands = (m_height + bandRows - 1) / bandRows;
    const int usedThreads = std::max(1, std::min<int>(threads, int(bands)));
    const std::size_t localRows = std::size_t(bandRows) + 2 * shape.generations;
    if (d.threadBuffers.size() < std::size_t(usedThreads) || d.passRowsAllocated < localRows ||
        d.passStride != d.stride ||
        (shape.generations > 1 && !d.threadBuffers.front().pass[0].get())) {
        d.threadBuffers.clear();
        d.threadBuffers.resize(std::size_t(usedThreads));
        for (auto& t : d.threadBuffers) {
            if (shape.generations > 1)
                for (auto& p : t.pass)
                    p = AlignedWords(localRows * d.stride + kVectorWords, "band buffers");
            t.src.resize(localRows + 2);
            t.dst.resize(localRows);
        }
        d.passRowsAllocated = localRows;
        d.passStride = d.stride;
    }
    std::vector<std::uint64_t> bandPopulation(bands, 0);
    const std::uint64_t* zeroRow = d.zeroRow.get() + kRowDataOffset;

    bitpacked::KernelArgs base;
    base.dataWords = d.dataWords;
    base.vecWords = d.vecWords;
    base.width = m_width;
    base.torus = torus;
    base.birth = m_rule.birthMask();
    base.survival = m_rule.survivalMask();

    // Advances band `band` by k generations from d.cur into d.next (see passShape).
    auto runPass = [&](std::uint32_t band, std::uint32_t k, bool count, int thread) {
        Impl::ThreadBuffers& tb = d.threadBuffers[std::size_t(thread)];
        const std::int64_t y0 = std::int64_t(band) * bandRows;
        const std::int64_t y1 = std::min<std::int64_t>(m_height, y0 + bandRows);
        const std::int64_t h = m_height;
        // Local row l holds global row y0 - k + l.
        const std::int64_t localCount = (y1 - y0) + 2 * std::int64_t(k);
        auto inGrid = [&](std::int64_t g) { return torus || (g >= 0 && g < h); };
        auto globalRow = [&](std::int64_t g) -> const std::uint64_t* {
            if (!inGrid(g))
                return zeroRow;
            return d.rowData(d.cur, std::uint32_t(((g % h) + h) % h));
        };
        auto localRow = [&](int buf, std::int64_t l) {
            return tb.pass[buf].get() + std::size_t(l) * d.stride + kRowDataOffset;
        };
        int prev = 0; // buffer holding generation i - 1 (for i >= 2)
        for (std::uint32_t i = 1; i <= k; ++i) {
            // Output rows: local [i, localCount - i), clipped to the grid on a plane (rows
            // beyond a dead border are never computed: they stay dead, i.e. the zero row).
            std::int64_t lo = i, hi = localCount - std::int64_t(i);
            if (!torus) {
                lo = std::max<std::int64_t>(lo, std::int64_t(k) - y0);
                hi = std::min<std::int64_t>(hi, h - y0 + std::int64_t(k));
            }
            if (lo >= hi)
                continue;
            for (std::int64_t l = lo - 1; l <= hi; ++l) {
                const std::int64_t g = y0 - std::int64_t(k) + l;
                tb.src[std::size_t(l - lo + 1)] =
                    i == 1 ? globalRow(g) : (inGrid(g) ? localRow(prev, l) : zeroRow);
            }
            const int out = i == 1 ? 0 : 1 - prev;
            for (std::int64_t l = lo; l < hi; ++l)
                tb.dst[std::size_t(l - lo)] =
                    i == k ? d.rowData(d.next, std::uint32_t(y0 - std::int64_t(k) + l))
                           : localRow(out, l);
            bitpacked::KernelArgs a = base;
            a.srcRows = tb.src.data();
            a.dstRows = tb.dst.data();
            a.rows = std::uint32_t(hi - lo);
            a.countPopulation = count && i == k;
            a.population = &bandPopulation[band];
            d.kernel(a);
            prev = out;
        }
    };

    d.population.reset();
    std::uint64_t done = 0;
    while (done < generations) {
        ctx.checkCancelled();
        ctx.report(double(done) / double(generations));
        const std::uint32_t k =
            std::uint32_t(std::min<std::uint64_t>(shape.generations, generations - done));
        const bool count = done + k == generations;
        std::atomic<bool> cancelled{false};
        if (usedThreads == 1) {
            for (std::uint32_t b = 0; b < bands; ++b) {
                if (bands > 1 && ctx.isCancelled()) {
                    cancelled = true;
                    break;
                }
                runPass(b, k, count, 0);
            }
        } else {
            // No exception may leave an OpenMP region: a cancelled band sets a flag, the
            // remaining bands are skipped, and the half-written `next` buffer is dropped.
#pragma omp parallel for num_threads(usedThreads) schedule(dynamic, 1)
            for (std::int64_t b = 0; b < std::int64_t(bands); ++b) {
                if (cancelled.load(std::memory_order_relaxed))
                    continue;
                if (ctx.isCancelled()) {
                    cancelled = true;
                    continue;
                }
                runPass(std::uint32_t(b), k, count, omp_get_thread_num());
            }
        }
        if (cancelled)
            throw util::Cancelled();
        std::swap(d.cur, d.next);
        m_generation += k;
        done += k;
    }
    std::uint64_t pop = 0;
    for (std::uint64_t p : bandPopulation)
        pop += p;
    d.population = pop;
    ctx.report(1.0);
}

std::uint64_t BitpackedEngine::population() const {
    const Impl& d = *m_impl;
    if (!d.population) {
        const unsigned rem = m_width & 63;
        const std::uint64_t mask = rem ? (std::uint64_t{1} << rem) - 1 : ~std::uint64_t{0};
        std::uint64_t n = 0;
        for (std::uint32_t y = 0; y < m_height; ++y) {
            const std::uint64_t* row = d.rowData(d.cur, y);
            for (std::size_t i = 0; i + 1 < d.dataWords; ++i)
                n += std::uint64_t(std::popcount(row[i]));
            n += std::uint64_t(std::popcount(row[d.dataWords - 1] & mask));
        }
        d.population = n;
    }
    return *d.population;
}

std::optional<CellRect> BitpackedEngine::boundingBox() const {
    const Impl& d = *m_impl;
    const unsigned rem = m_width & 63;
    const std::uint64_t mask = rem ? (std::uint64_t{1} << rem) - 1 : ~std::uint64_t{0};
    std::uint32_t minY = m_height, maxY = 0;
    std::uint32_t minX = m_width, maxX = 0;
    for (std::uint32_t y = 0; y < m_height; ++y) {
        const std::uint64_t* row = d.rowData(d.cur, y);
        for (std::size_t i = 0; i < d.dataWords; ++i) {
            const std::uint64_t w = i + 1 == d.dataWords ? row[i] & mask : row[i];
            if (!w)
                continue;
            minY = std::min(minY, y);
            maxY = y;
            minX = std::min(minX, std::uint32_t(i * 64 + std::countr_zero(w)));
            maxX = std::max(maxX, std::uint32_t(i * 64 + 63 - std::countl_zero(w)));
        }
    }
    if (minY == m_height)
        return std::nullopt;
    return CellRect{minX, minY, maxX - minX + 1, maxY - minY + 1};
}

std::uint64_t BitpackedEngine::hash() const {
    const Impl& d = *m_impl;
    const unsigned rem = m_width & 63;
    const std::uint64_t mask = rem ? (std::uint64_t{1} << rem) - 1 : ~std::uint64_t{0};
    std::uint64_t h = detail::hashStart(m_width, m_height);
    for (std::uint32_t y = 0; y < m_height; ++y)
        h = detail::hashCombine(h, detail::hashRow(d.rowData(d.cur, y), d.dataWords, mask));
    return detail::hashFinish(h);
}

} // namespace algoscope::life
