#include "life/BoardRaster.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace algoscope::life {

namespace {
// Live cells of one row in [from, to): whole words by popcount, the ends masked.
int countRow(std::span<const std::uint64_t> row, std::uint32_t from, std::uint32_t to) {
    int n = 0;
    while (from < to) {
        const std::uint32_t word = from >> 6, bit = from & 63;
        const std::uint32_t take = std::min<std::uint32_t>(64 - bit, to - from);
        std::uint64_t w = row[word] >> bit;
        if (take < 64)
            w &= (std::uint64_t(1) << take) - 1;
        n += std::popcount(w);
        from += take;
    }
    return n;
}
} // namespace

void rasterize(const Board& b, const RasterRegion& r, const std::uint8_t* ages,
               std::vector<std::uint8_t>& out) {
    const std::uint32_t tw = r.texelsWide(), th = r.texelsHigh();
    out.assign(std::size_t(tw) * th, 0);
    if (tw == 0 || th == 0 || r.x >= b.width() || r.y >= b.height())
        return;
    const std::uint32_t x1 = std::min<std::uint32_t>(b.width(), r.x + r.width);
    const std::uint32_t y1 = std::min<std::uint32_t>(b.height(), r.y + r.height);
    if (r.block <= 1) {
        for (std::uint32_t y = 0; y < th && r.y + y < y1; ++y) {
            const std::uint32_t cy = r.y + y;
            const auto row = b.row(cy);
            std::uint8_t* dst = out.data() + std::size_t(y) * tw;
            // Word by word: only live bits are visited.
            for (std::uint32_t wi = r.x >> 6; wi <= (x1 - 1) >> 6; ++wi) {
                std::uint64_t w = row[wi];
                while (w) {
                    const std::uint32_t cx = (wi << 6) + std::uint32_t(std::countr_zero(w));
                    w &= w - 1;
                    if (cx < r.x || cx >= x1)
                        continue;
                    dst[cx - r.x] =
                        ages ? std::max<std::uint8_t>(1, ages[std::size_t(cy) * b.width() + cx])
                             : 255;
                }
            }
        }
        return;
    }
    const std::uint32_t block = r.block;
    const std::uint32_t rowStep = std::max<std::uint32_t>(1, block / 2);
    std::vector<std::uint32_t> live(tw), counted(tw);
    for (std::uint32_t by = 0; by < th; ++by) {
        const std::uint32_t ya = r.y + by * block, yb = std::min(y1, ya + block);
        std::fill(live.begin(), live.end(), 0);
        std::fill(counted.begin(), counted.end(), 0);
        for (std::uint32_t y = ya; y < yb; y += rowStep) {
            const auto row = b.row(y);
            if (block <= 64) {
                // One (possibly word-straddling) read of at most 64 bits per block.
                const std::uint64_t* words = row.data();
                for (std::uint32_t bx = 0; bx < tw; ++bx) {
                    const std::uint32_t xa = r.x + bx * block, n = std::min(x1, xa + block) - xa;
                    const std::uint32_t lo = xa >> 6, sh = xa & 63;
                    std::uint64_t v = words[lo] >> sh;
                    if (sh + n > 64)
                        v |= words[lo + 1] << (64 - sh);
                    if (n < 64)
                        v &= (std::uint64_t(1) << n) - 1;
                    live[bx] += std::uint32_t(std::popcount(v));
                    counted[bx] += n;
                }
            } else {
                for (std::uint32_t bx = 0; bx < tw; ++bx) {
                    const std::uint32_t xa = r.x + bx * block, xb = std::min(x1, xa + block);
                    live[bx] += std::uint32_t(countRow(row, xa, xb));
                    counted[bx] += xb - xa;
                }
            }
        }
        std::uint8_t* dst = out.data() + std::size_t(by) * tw;
        for (std::uint32_t bx = 0; bx < tw; ++bx)
            if (live[bx] > 0)
                dst[bx] = std::uint8_t(std::clamp<std::uint32_t>(
                    (255 * live[bx] + counted[bx] - 1) / std::max<std::uint32_t>(1, counted[bx]), 1,
                    255));
    }
}

} // namespace algoscope::life
