// HashLife: see HashLife.h for the algorithm and the layout.
//
// [SECTION] Leaf bits and the level-4 base case
// [SECTION] Node store: hash-consing, free lists, garbage collection
// [SECTION] The recursion (result of a node)
// [SECTION] HashLife: loading, stepping, reading, rendering
#include "life/HashLife.h"

#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace algoscope::life {

namespace {

__extension__ typedef __int128 i128;

// ---------------------------------------------------------------------------------------------
// [SECTION] Leaf bits and the level-4 base case
// ---------------------------------------------------------------------------------------------

constexpr std::uint64_t kLow4 = 0x0F0F0F0F0F0F0F0Full; // columns 0..3 of every row

inline unsigned rowByte(std::uint64_t leaf, int r) {
    return unsigned(leaf >> (8 * r)) & 0xFFu;
}

// The leaf made of the inner quadrants of four leaves placed as nw ne / sw se: the centre 8 x 8 of
// their 16 x 16 square (the same function gives the centre of a level-4 node).
inline std::uint64_t leafCentre4(std::uint64_t nw, std::uint64_t ne, std::uint64_t sw,
                                 std::uint64_t se) {
    const std::uint64_t a = ((nw >> 32) >> 4) & (kLow4 & 0xFFFFFFFFull);
    const std::uint64_t b = (((ne >> 32) & kLow4) << 4) & 0xFFFFFFFFull;
    const std::uint64_t c = ((sw & 0xFFFFFFFFull) >> 4) & kLow4;
    const std::uint64_t d = ((se & 0xFFFFFFFFull) & kLow4) << 4;
    return a | b | ((c | d) << 32);
}

struct RuleTable {
    bool isLife = true;
    bool aliveNext[10] = {}; // total of the 3x3 block (cell included) -> survival
    bool deadNext[10] = {};  // total -> birth
};

// One generation of 16 rows of 16 cells (bits 0..15 of 32-bit words), dead beyond them; rows 0
// and 15 and the outermost columns come out wrong, which is why the base case keeps only the
// centre. Bit-sliced: the horizontal 3-sums of each row as 2-bit numbers, then three of those
// added vertically into the 4-bit total (0..9) of each 3 x 3 block, all 16 columns at once.
template <bool Life> inline void generation16(std::uint32_t* rows, const RuleTable& rt) {
    std::uint32_t lo[16], hi[16];
    for (int y = 0; y < 16; ++y) {
        const std::uint32_t x = rows[y], l = x << 1, r = x >> 1, t = l ^ x;
        lo[y] = t ^ r;
        hi[y] = (l & x) | (t & r);
    }
    std::uint32_t out[16];
    out[0] = out[15] = 0;
    for (int y = 1; y < 15; ++y) {
        std::uint32_t a = lo[y - 1], b = lo[y], c = lo[y + 1], t = a ^ b;
        const std::uint32_t s0 = t ^ c, c0 = (a & b) | (t & c);
        a = hi[y - 1], b = hi[y], c = hi[y + 1], t = a ^ b;
        const std::uint32_t t1 = t ^ c, t2 = (a & b) | (t & c);
        const std::uint32_t s1 = c0 ^ t1, c1 = c0 & t1, s2 = t2 ^ c1, s3 = t2 & c1;
        const std::uint32_t self = rows[y];
        if constexpr (Life) {
            // total 3 -> alive; total 4 -> unchanged (B3/S23 with the cell counted).
            const std::uint32_t eq3 = s0 & s1 & ~s2 & ~s3, eq4 = ~s0 & ~s1 & s2 & ~s3;
            out[y] = eq3 | (self & eq4);
        } else {
            std::uint32_t res = 0;
            for (int tot = 0; tot <= 9; ++tot) {
                if (!rt.aliveNext[tot] && !rt.deadNext[tot])
                    continue;
                const std::uint32_t m = ((tot & 1) ? s0 : ~s0) & ((tot & 2) ? s1 : ~s1) &
                                        ((tot & 4) ? s2 : ~s2) & ((tot & 8) ? s3 : ~s3);
                if (rt.aliveNext[tot])
                    res |= m & self;
                if (rt.deadNext[tot])
                    res |= m & ~self;
            }
            out[y] = res;
        }
    }
    std::memcpy(rows, out, sizeof out);
}

// The centre 8 x 8 of the 16 x 16 square nw ne / sw se after `gens` (1, 2 or 4) generations:
// each generation the correct region shrinks by one cell per side, so 4 is the most a level-4
// node can give.
inline std::uint64_t leafResult(std::uint64_t nw, std::uint64_t ne, std::uint64_t sw,
                                std::uint64_t se, int gens, const RuleTable& rt) {
    std::uint32_t rows[16];
    for (int r = 0; r < 8; ++r) {
        rows[r] = rowByte(nw, r) | (rowByte(ne, r) << 8);
        rows[8 + r] = rowByte(sw, r) | (rowByte(se, r) << 8);
    }
    for (int g = 0; g < gens; ++g) {
        if (rt.isLife)
            generation16<true>(rows, rt);
        else
            generation16<false>(rows, rt);
    }
    std::uint64_t out = 0;
    for (int r = 0; r < 8; ++r)
        out |= std::uint64_t((rows[4 + r] >> 4) & 0xFFu) << (8 * r);
    return out;
}

inline std::uint64_t mix64(std::uint64_t h) {
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 32;
    return h;
}

inline std::uint64_t hashNode(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d,
                              unsigned level) {
    // Each child index times its own odd constant, then a full 64-bit finaliser, so that
    // consecutive indices (nodes made one after another) spread over the whole table.
    std::uint64_t h = a * 0x9E3779B97F4A7C15ull ^ b * 0xC2B2AE3D27D4EB4Full ^
                      c * 0x165667B19E3779F9ull ^ d * 0xD6E8FEB86659FD93ull ^ level;
    h ^= h >> 32;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return h;
}

constexpr std::uint32_t kLeafTag = 0x80000000u; // marks leaf indices on the GC stack
constexpr std::uint64_t kUnknownPop = ~std::uint64_t{0};

} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Node store: hash-consing, free lists, garbage collection
// ---------------------------------------------------------------------------------------------

struct HashLife::Impl {
    struct Node {
        std::uint32_t c[4];  // nw ne sw se: leaf indices at level 4, node indices above
        std::uint32_t res;   // memoised result (0 = not computed): a leaf at level 4
        std::uint16_t level; // 0 = free slot
        std::uint16_t pad;
    };
    static_assert(sizeof(Node) == 24);
    // Accounting for the memory limit: a node, its hash slots (load <= 1/2) and population cache;
    // a leaf and its hash slots.
    static constexpr std::uint64_t kNodeCost = sizeof(Node) + 8 + 8;
    static constexpr std::uint64_t kLeafCost = 8 + 8;

    std::vector<Node> nodes;
    std::vector<std::uint32_t> nodeTable;
    std::uint64_t liveNodes = 0;
    std::uint32_t nodeFree = 0; // free list through c[0]
    std::vector<std::uint64_t> leafBits;
    std::vector<std::uint8_t> leafLive;
    std::vector<std::uint32_t> leafTable;
    std::uint64_t liveLeaves = 0;
    std::vector<std::uint32_t> leafFree;
    mutable std::vector<std::uint64_t> popCache; // per node, levels <= 31 (fits 64 bits)

    std::vector<std::uint32_t> empty; // empty node of each level (empty[3] is a leaf)
    std::vector<std::uint32_t> gcStack;
    std::uint32_t* rootPtr = nullptr;
    unsigned* rootLevelPtr = nullptr;

    RuleTable rule;
    unsigned stepLog = 0;
    std::uint64_t limit = 0;
    bool needGc = false;
    std::uint64_t hits = 0, misses = 0, gcRuns = 0, poll = 0;
    const util::TaskContext* ctx = nullptr;

    Impl() { reset(); }

    void reset() {
        nodes.assign(1, Node{});
        nodeTable.assign(std::size_t{1} << 12, 0);
        liveNodes = 0;
        nodeFree = 0;
        leafBits.assign(1, 0);
        leafLive.assign(1, 0);
        leafTable.assign(std::size_t{1} << 12, 0);
        liveLeaves = 0;
        leafFree.clear();
        popCache.assign(1, kUnknownPop);
        empty.clear();
        gcStack.clear();
        needGc = false;
        hits = misses = gcRuns = 0;
        empty.resize(4, 0);
        empty[3] = findLeaf(0);
    }

    std::uint64_t usedBytes() const { return liveNodes * kNodeCost + liveLeaves * kLeafCost; }
    std::uint64_t allocatedBytes() const {
        return nodes.capacity() * sizeof(Node) + nodeTable.capacity() * 4 +
               popCache.capacity() * 8 + leafBits.capacity() * 8 + leafLive.capacity() +
               leafTable.capacity() * 4;
    }

    static void insertSlot(std::vector<std::uint32_t>& table, std::uint64_t h, std::uint32_t idx) {
        const std::size_t mask = table.size() - 1;
        std::size_t i = h & mask;
        while (table[i])
            i = (i + 1) & mask;
        table[i] = idx;
    }

    void rebuildNodeTable(std::size_t size) {
        nodeTable.assign(size, 0);
        for (std::uint32_t i = 1; i < nodes.size(); ++i) {
            const Node& n = nodes[i];
            if (n.level)
                insertSlot(nodeTable, hashNode(n.c[0], n.c[1], n.c[2], n.c[3], n.level), i);
        }
    }
    void rebuildLeafTable(std::size_t size) {
        leafTable.assign(size, 0);
        for (std::uint32_t i = 1; i < leafBits.size(); ++i)
            if (leafLive[i])
                insertSlot(leafTable, mix64(leafBits[i]), i);
    }

    void noteGrowth() {
        if (usedBytes() > limit)
            needGc = true;
    }

    std::uint32_t findLeaf(std::uint64_t bits) {
        const std::uint64_t h = mix64(bits);
        std::size_t mask = leafTable.size() - 1, i = h & mask;
        while (std::uint32_t s = leafTable[i]) {
            if (leafBits[s] == bits)
                return s;
            i = (i + 1) & mask;
        }
        std::uint32_t idx;
        if (!leafFree.empty()) {
            idx = leafFree.back();
            leafFree.pop_back();
            leafBits[idx] = bits;
            leafLive[idx] = 1;
        } else {
            if (leafBits.size() >= kLeafTag)
                throw util::LimitError("HashLife: more than 2^31 leaves");
            idx = std::uint32_t(leafBits.size());
            leafBits.push_back(bits);
            leafLive.push_back(1);
        }
        leafTable[i] = idx;
        ++liveLeaves;
        if (liveLeaves * 2 > leafTable.size())
            rebuildLeafTable(leafTable.size() * 2);
        noteGrowth();
        return idx;
    }

    std::uint32_t findNode(unsigned level, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                           std::uint32_t d) {
        const std::uint64_t h = hashNode(a, b, c, d, level);
        std::size_t mask = nodeTable.size() - 1, i = h & mask;
        while (std::uint32_t s = nodeTable[i]) {
            const Node& n = nodes[s];
            if (n.c[0] == a && n.c[1] == b && n.c[2] == c && n.c[3] == d && n.level == level)
                return s;
            i = (i + 1) & mask;
        }
        std::uint32_t idx;
        if (nodeFree) {
            idx = nodeFree;
            nodeFree = nodes[idx].c[0];
        } else {
            if (nodes.size() >= kLeafTag)
                throw util::LimitError("HashLife: more than 2^31 nodes");
            idx = std::uint32_t(nodes.size());
            nodes.push_back(Node{});
            popCache.push_back(kUnknownPop);
        }
        nodes[idx] = Node{{a, b, c, d}, 0, std::uint16_t(level), 0};
        popCache[idx] = kUnknownPop;
        nodeTable[i] = idx;
        ++liveNodes;
        if (liveNodes * 2 > nodeTable.size())
            rebuildNodeTable(nodeTable.size() * 2);
        noteGrowth();
        return idx;
    }

    std::uint32_t emptyAt(unsigned level) {
        while (empty.size() <= level) {
            const unsigned l = unsigned(empty.size());
            const std::uint32_t e = empty[l - 1];
            empty.push_back(findNode(l, e, e, e, e));
        }
        return empty[level];
    }

    // Mark-and-sweep from the root, the GC stack and the empty nodes. With keepResults the
    // memoised results of live nodes are live too; without, results of dead nodes are forgotten.
    void mark(bool keepResults, std::vector<std::uint8_t>& nodeMark,
              std::vector<std::uint8_t>& leafMark) {
        nodeMark.assign(nodes.size(), 0);
        leafMark.assign(leafBits.size(), 0);
        std::vector<std::uint32_t> todo;
        auto push = [&](std::uint32_t idx, bool leaf) {
            if (leaf)
                leafMark[idx] = 1;
            else if (!nodeMark[idx])
                todo.push_back(idx);
        };
        for (std::size_t l = 3; l < empty.size(); ++l)
            push(empty[l], l == 3);
        push(*rootPtr, *rootLevelPtr == 3);
        for (std::uint32_t s : gcStack)
            push(s & ~kLeafTag, (s & kLeafTag) != 0);
        while (!todo.empty()) {
            const std::uint32_t i = todo.back();
            todo.pop_back();
            if (nodeMark[i])
                continue;
            nodeMark[i] = 1;
            const Node& n = nodes[i];
            const bool leafKids = n.level == 4;
            for (int q = 0; q < 4; ++q)
                push(n.c[q], leafKids);
            if (keepResults && n.res)
                push(n.res, leafKids);
        }
    }

    void sweep(const std::vector<std::uint8_t>& nodeMark,
               const std::vector<std::uint8_t>& leafMark) {
        for (std::uint32_t i = 1; i < nodes.size(); ++i) {
            Node& n = nodes[i];
            if (!n.level)
                continue;
            if (!nodeMark[i]) {
                n = Node{{nodeFree, 0, 0, 0}, 0, 0, 0};
                nodeFree = i;
                popCache[i] = kUnknownPop;
                --liveNodes;
            } else if (n.res && !(n.level == 4 ? leafMark[n.res] : nodeMark[n.res])) {
                n.res = 0;
            }
        }
        for (std::uint32_t i = 1; i < leafBits.size(); ++i) {
            if (leafLive[i] && !leafMark[i]) {
                leafLive[i] = 0;
                leafFree.push_back(i);
                --liveLeaves;
            }
        }
        rebuildNodeTable(nodeTable.size());
        rebuildLeafTable(leafTable.size());
    }

    void collect() {
        ++gcRuns;
        std::vector<std::uint8_t> nodeMark, leafMark;
        mark(true, nodeMark, leafMark);
        sweep(nodeMark, leafMark);
        if (usedBytes() > limit / 2) {
            mark(false, nodeMark, leafMark);
            sweep(nodeMark, leafMark);
        }
        needGc = false;
        if (usedBytes() > limit / 4 * 3)
            throw util::LimitError(
                "HashLife: the pattern needs more than the memory limit of " +
                std::to_string(limit >> 20) + " MiB even after garbage collection (" +
                std::to_string(liveNodes) + " nodes in use); raise the limit (--memory MIB) or " +
                "step by a smaller power of two");
    }

    // -----------------------------------------------------------------------------------------
    // [SECTION] The recursion (result of a node)
    // -----------------------------------------------------------------------------------------

    // The level `level - 2` node made of the inner quadrants of four level-`level-2`... nodes:
    // centre of the square a b / c d, all of level m.
    std::uint32_t centreOf4(unsigned m, std::uint32_t a, std::uint32_t b, std::uint32_t c,
                            std::uint32_t d) {
        if (m == 3)
            return findLeaf(leafCentre4(leafBits[a], leafBits[b], leafBits[c], leafBits[d]));
        return findNode(m, nodes[a].c[3], nodes[b].c[2], nodes[c].c[1], nodes[d].c[0]);
    }

    void pushGc(std::uint32_t idx, unsigned level) {
        gcStack.push_back(level == 3 ? (idx | kLeafTag) : idx);
    }

    // The centre of node idx (level k >= 4) advanced min(2^(k-2), 2^stepLog) generations: a node
    // of level k-1. Gosper's recursion: nine overlapping level-(k-1) squares give nine results
    // advanced by the first half; four overlapping squares of those give the second half (or,
    // when the step is smaller than 2^(k-2), just their centres).
    std::uint32_t result(unsigned k, std::uint32_t idx) {
        if (const std::uint32_t r = nodes[idx].res) {
            ++hits;
            return r;
        }
        ++misses;
        if ((++poll & 1023) == 0 && ctx)
            ctx->checkCancelled();
        if (needGc)
            collect();
        if (k == 4) {
            const Node& n = nodes[idx];
            const int gens = stepLog >= 2 ? 4 : (1 << stepLog);
            const std::uint32_t r =
                findLeaf(leafResult(leafBits[n.c[0]], leafBits[n.c[1]], leafBits[n.c[2]],
                                    leafBits[n.c[3]], gens, rule));
            nodes[idx].res = r;
            return r;
        }
        const std::size_t base = gcStack.size();
        gcStack.push_back(idx);
        const Node n = nodes[idx];
        const Node A = nodes[n.c[0]], B = nodes[n.c[1]], C = nodes[n.c[2]], D = nodes[n.c[3]];
        const unsigned m = k - 1;
        std::uint32_t s[9];
        s[0] = n.c[0];
        s[2] = n.c[1];
        s[6] = n.c[2];
        s[8] = n.c[3];
        s[1] = findNode(m, A.c[1], B.c[0], A.c[3], B.c[2]);
        s[3] = findNode(m, A.c[2], A.c[3], C.c[0], C.c[1]);
        s[4] = findNode(m, A.c[3], B.c[2], C.c[1], D.c[0]);
        s[5] = findNode(m, B.c[2], B.c[3], D.c[0], D.c[1]);
        s[7] = findNode(m, C.c[1], D.c[0], C.c[3], D.c[2]);
        for (int i : {1, 3, 4, 5, 7})
            gcStack.push_back(s[i]);
        std::uint32_t r[9];
        for (int i = 0; i < 9; ++i) {
            r[i] = result(m, s[i]);
            pushGc(r[i], m - 1);
        }
        std::uint32_t res;
        if (stepLog >= k - 2) {
            std::uint32_t q[4];
            const int corner[4] = {0, 1, 3, 4};
            for (int j = 0; j < 4; ++j) {
                const int c = corner[j];
                const std::uint32_t sq = findNode(m, r[c], r[c + 1], r[c + 3], r[c + 4]);
                gcStack.push_back(sq);
                q[j] = result(m, sq);
                pushGc(q[j], m - 1);
            }
            res = findNode(m, q[0], q[1], q[2], q[3]);
        } else {
            const std::uint32_t a = centreOf4(m - 1, r[0], r[1], r[3], r[4]);
            const std::uint32_t b = centreOf4(m - 1, r[1], r[2], r[4], r[5]);
            const std::uint32_t c = centreOf4(m - 1, r[3], r[4], r[6], r[7]);
            const std::uint32_t d = centreOf4(m - 1, r[4], r[5], r[7], r[8]);
            res = findNode(m, a, b, c, d);
        }
        gcStack.resize(base);
        nodes[idx].res = res;
        return res;
    }

    void setStepLog(unsigned j) {
        if (j == stepLog)
            return;
        // Results of levels <= min + 2 advance 2^(k-2) under both step sizes and stay valid.
        const unsigned keep = std::min(j, stepLog) + 2;
        for (std::size_t i = 1; i < nodes.size(); ++i)
            if (nodes[i].level > keep)
                nodes[i].res = 0;
        stepLog = j;
    }

    void clearResults() {
        for (std::size_t i = 1; i < nodes.size(); ++i)
            nodes[i].res = 0;
    }

    // Population of a node, exact below level 32 (at most 4^31 cells).
    std::uint64_t popSmall(unsigned level, std::uint32_t idx) const {
        if (level == 3)
            return std::uint64_t(std::popcount(leafBits[idx]));
        std::uint64_t& p = popCache[idx];
        if (p == kUnknownPop) {
            const Node& n = nodes[idx];
            p = popSmall(level - 1, n.c[0]) + popSmall(level - 1, n.c[1]) +
                popSmall(level - 1, n.c[2]) + popSmall(level - 1, n.c[3]);
        }
        return p;
    }
    mpz_class popBig(unsigned level, std::uint32_t idx,
                     std::unordered_map<std::uint32_t, mpz_class>& memo) const {
        if (level <= 31) {
            mpz_class v;
            const std::uint64_t p = popSmall(level, idx);
            mpz_import(v.get_mpz_t(), 1, 1, sizeof p, 0, 0, &p);
            return v;
        }
        auto it = memo.find(idx);
        if (it != memo.end())
            return it->second;
        const Node& n = nodes[idx];
        mpz_class s = popBig(level - 1, n.c[0], memo) + popBig(level - 1, n.c[1], memo) +
                      popBig(level - 1, n.c[2], memo) + popBig(level - 1, n.c[3], memo);
        memo.emplace(idx, s);
        return s;
    }
    double popDouble(unsigned level, std::uint32_t idx,
                     std::unordered_map<std::uint32_t, double>& memo) const {
        if (level <= 31)
            return double(popSmall(level, idx));
        auto it = memo.find(idx);
        if (it != memo.end())
            return it->second;
        const Node& n = nodes[idx];
        double s = 0;
        for (int q = 0; q < 4; ++q)
            s += popDouble(level - 1, n.c[q], memo);
        memo.emplace(idx, s);
        return s;
    }

    bool isEmpty(unsigned level, std::uint32_t idx) const {
        return level < empty.size() && empty[level] == idx;
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] HashLife: loading, stepping, reading, rendering
// ---------------------------------------------------------------------------------------------

HashLife::HashLife(const Rule& rule, std::uint64_t memoryLimitBytes)
    : m_impl(new Impl), m_memoryLimit(0) {
    try {
        m_impl->rootPtr = &m_root;
        m_impl->rootLevelPtr = &m_rootLevel;
        setMemoryLimit(memoryLimitBytes);
        setRule(rule);
        clear();
    } catch (...) {
        delete m_impl;
        throw;
    }
}

HashLife::~HashLife() {
    delete m_impl;
}

void HashLife::setRule(const Rule& rule) {
    if (rule.hasB0())
        throw util::Error("rule " + rule.toString() +
                          " has B0: on the unbounded plane every empty cell would be born at once "
                          "(infinitely many cells); run it on a torus or a bounded plane instead "
                          "(Golly's HashLife refuses B0 rules too unless it can emulate them)");
    m_rule = rule;
    RuleTable& rt = m_impl->rule;
    rt.isLife = rule == Rule::life();
    for (int t = 0; t <= 9; ++t) {
        rt.aliveNext[t] = t >= 1 && rule.survival(t - 1);
        rt.deadNext[t] = t <= 8 && rule.birth(t);
    }
    m_impl->clearResults();
}

void HashLife::setMemoryLimit(std::uint64_t bytes) {
    if (bytes < kMinMemoryLimit)
        throw util::LimitError("HashLife memory limit of " + std::to_string(bytes) +
                               " bytes is below the minimum of " +
                               std::to_string(kMinMemoryLimit >> 20) + " MiB");
    m_memoryLimit = bytes;
    m_impl->limit = bytes;
    m_impl->noteGrowth();
}

void HashLife::clear() {
    m_impl->reset();
    m_root = m_impl->emptyAt(5);
    m_rootLevel = 5;
    m_generation = 0;
}

bool HashLife::isEmpty() const noexcept {
    return m_impl->isEmpty(m_rootLevel, m_root);
}

namespace {
// Expands the root one level, keeping it centred: each quadrant moves into the inner corner of a
// new, otherwise empty, child.
void expandRoot(HashLife::Impl& I, std::uint32_t& root, unsigned& level) {
    if (level == 3) {
        const std::uint64_t b = I.leafBits[root];
        const std::uint64_t nw = (b & kLow4 & 0xFFFFFFFFull) << 36;
        const std::uint64_t ne = ((b >> 4) & kLow4 & 0xFFFFFFFFull) << 32;
        const std::uint64_t sw = ((b >> 32) & kLow4) << 4;
        const std::uint64_t se = (b >> 36) & kLow4;
        root = I.findNode(4, I.findLeaf(nw), I.findLeaf(ne), I.findLeaf(sw), I.findLeaf(se));
        level = 4;
        return;
    }
    const std::uint32_t e = I.emptyAt(level - 1);
    const HashLife::Impl::Node n = I.nodes[root];
    const std::uint32_t nw = I.findNode(level, e, e, e, n.c[0]);
    const std::uint32_t ne = I.findNode(level, e, e, n.c[1], e);
    const std::uint32_t sw = I.findNode(level, e, n.c[2], e, e);
    const std::uint32_t se = I.findNode(level, n.c[3], e, e, e);
    root = I.findNode(level + 1, nw, ne, sw, se);
    ++level;
}

// Whether everything alive lies in the centre half of the root (its 4 inner grandchildren).
bool centred(const HashLife::Impl& I, std::uint32_t root, unsigned level) {
    const auto& n = I.nodes[root];
    const std::uint32_t e = I.empty[level - 2];
    const auto& a = I.nodes[n.c[0]];
    const auto& b = I.nodes[n.c[1]];
    const auto& c = I.nodes[n.c[2]];
    const auto& d = I.nodes[n.c[3]];
    return a.c[0] == e && a.c[1] == e && a.c[2] == e && b.c[0] == e && b.c[1] == e && b.c[3] == e &&
           c.c[0] == e && c.c[2] == e && c.c[3] == e && d.c[1] == e && d.c[2] == e && d.c[3] == e;
}
} // namespace

void HashLife::setRoot(NodeRef n) {
    if (n.level < 3)
        throw std::invalid_argument("HashLife::setRoot: level below 3");
    m_root = n.index;
    m_rootLevel = n.level;
    m_impl->emptyAt(m_rootLevel + 1);
    while (m_rootLevel < 5)
        expandRoot(*m_impl, m_root, m_rootLevel);
}

void HashLife::loadLeaves(std::vector<LeafBlock> blocks) {
    clear();
    if (blocks.empty())
        return;
    Impl& I = *m_impl;
    // Root level L holds blocks in [-2^(L-4), 2^(L-4)).
    std::int64_t lo = 0, hi = 0;
    for (const auto& b : blocks) {
        lo = std::min({lo, b.bx, b.by});
        hi = std::max({hi, b.bx, b.by});
    }
    unsigned L = 5;
    while (L < 67 && !(lo >= -(i128(1) << (L - 4)) && hi < (i128(1) << (L - 4))))
        ++L;
    struct Entry {
        std::uint64_t u, v;
        std::uint32_t idx;
    };
    std::vector<Entry> cur;
    cur.reserve(blocks.size());
    const i128 off = i128(1) << (L - 4);
    std::sort(blocks.begin(), blocks.end(), [](const LeafBlock& a, const LeafBlock& b) {
        return a.by != b.by ? a.by < b.by : a.bx < b.bx;
    });
    for (std::size_t i = 0; i < blocks.size();) {
        std::uint64_t bits = 0;
        std::size_t j = i;
        for (; j < blocks.size() && blocks[j].bx == blocks[i].bx && blocks[j].by == blocks[i].by;
             ++j)
            bits |= blocks[j].bits;
        if (bits)
            cur.push_back({std::uint64_t(i128(blocks[i].bx) + off),
                           std::uint64_t(i128(blocks[i].by) + off), I.findLeaf(bits)});
        i = j;
    }
    blocks.clear();
    blocks.shrink_to_fit();
    if (cur.empty())
        return;
    for (unsigned level = 4; level <= L; ++level) {
        const std::uint32_t e = I.emptyAt(level - 1);
        std::sort(cur.begin(), cur.end(), [](const Entry& a, const Entry& b) {
            const std::uint64_t av = a.v >> 1, bv = b.v >> 1;
            return av != bv ? av < bv : (a.u >> 1) < (b.u >> 1);
        });
        std::vector<Entry> next;
        for (std::size_t i = 0; i < cur.size();) {
            std::uint32_t q[4] = {e, e, e, e};
            const std::uint64_t pu = cur[i].u >> 1, pv = cur[i].v >> 1;
            std::size_t j = i;
            for (; j < cur.size() && (cur[j].u >> 1) == pu && (cur[j].v >> 1) == pv; ++j)
                q[(cur[j].v & 1) * 2 + (cur[j].u & 1)] = cur[j].idx;
            next.push_back({pu, pv, I.findNode(level, q[0], q[1], q[2], q[3])});
            i = j;
        }
        cur.swap(next);
    }
    m_root = cur.front().idx;
    m_rootLevel = L;
    I.emptyAt(L + 1);
}

void HashLife::loadBoard(const Board& board, std::int64_t x, std::int64_t y) {
    std::vector<LeafBlock> blocks;
    for (std::uint32_t row = 0; row < board.height(); ++row) {
        const auto words = board.row(row);
        const std::int64_t cy = y + row;
        const std::int64_t by = cy >> 3;
        const int r = int(cy & 7);
        for (std::size_t w = 0; w < words.size(); ++w) {
            std::uint64_t bits = words[w];
            while (bits) {
                const int b = std::countr_zero(bits);
                bits &= bits - 1;
                const std::int64_t cx = x + std::int64_t(w * 64 + b);
                blocks.push_back({cx >> 3, by, std::uint64_t{1} << (8 * r + int(cx & 7))});
            }
        }
    }
    loadLeaves(std::move(blocks));
}

namespace {
std::uint32_t setRec(HashLife::Impl& I, unsigned level, std::uint32_t idx, i128 rx, i128 ry,
                     bool alive) {
    if (level == 3) {
        std::uint64_t bits = I.leafBits[idx];
        const std::uint64_t bit = std::uint64_t{1} << (8 * int(ry) + int(rx));
        bits = alive ? (bits | bit) : (bits & ~bit);
        return I.findLeaf(bits);
    }
    const i128 half = i128(1) << (level - 1);
    const int q = (ry >= half ? 2 : 0) + (rx >= half ? 1 : 0);
    std::uint32_t c[4];
    std::memcpy(c, I.nodes[idx].c, sizeof c);
    c[q] =
        setRec(I, level - 1, c[q], rx >= half ? rx - half : rx, ry >= half ? ry - half : ry, alive);
    return I.findNode(level, c[0], c[1], c[2], c[3]);
}
} // namespace

void HashLife::setCell(std::int64_t x, std::int64_t y, bool alive) {
    Impl& I = *m_impl;
    auto inside = [&] {
        const i128 h = i128(1) << (m_rootLevel - 1);
        return x >= -h && x < h && y >= -h && y < h;
    };
    while (!inside()) {
        I.emptyAt(m_rootLevel);
        expandRoot(I, m_root, m_rootLevel);
    }
    if (m_rootLevel > 120)
        throw util::LimitError("HashLife: cannot edit cells in a universe wider than 2^120 cells");
    const i128 h = i128(1) << (m_rootLevel - 1);
    m_root = setRec(I, m_rootLevel, m_root, i128(x) + h, i128(y) + h, alive);
    I.emptyAt(m_rootLevel + 1);
}

namespace {
// The node of `level` whose square covers (cx, cy), with its origin; descends from the root.
// Root squares wider than 2^120 are reduced to the chain of inner corners first.
template <class F>
void visit(const HashLife::Impl& I, unsigned level, std::uint32_t idx, i128 ox, i128 oy, i128 vx0,
           i128 vy0, i128 vx1, i128 vy1, unsigned stopLevel, F&& f) {
    if (I.isEmpty(level, idx))
        return;
    const i128 size = i128(1) << level;
    if (ox >= vx1 || oy >= vy1 || ox + size <= vx0 || oy + size <= vy0)
        return;
    if (level <= stopLevel || level == 3) {
        f(level, idx, ox, oy);
        return;
    }
    const auto& n = I.nodes[idx];
    const i128 half = size >> 1;
    visit(I, level - 1, n.c[0], ox, oy, vx0, vy0, vx1, vy1, stopLevel, f);
    visit(I, level - 1, n.c[1], ox + half, oy, vx0, vy0, vx1, vy1, stopLevel, f);
    visit(I, level - 1, n.c[2], ox, oy + half, vx0, vy0, vx1, vy1, stopLevel, f);
    visit(I, level - 1, n.c[3], ox + half, oy + half, vx0, vy0, vx1, vy1, stopLevel, f);
}

// Calls visit on the root, or when the root is wider than 2^100 on the four corner chains near
// the origin (views are int64, so nothing further out can be seen).
template <class F>
void visitRoot(const HashLife::Impl& I, unsigned level, std::uint32_t root, i128 vx0, i128 vy0,
               i128 vx1, i128 vy1, unsigned stopLevel, F&& f) {
    if (level <= 100) {
        const i128 h = i128(1) << (level - 1);
        visit(I, level, root, -h, -h, vx0, vy0, vx1, vy1, stopLevel, f);
        return;
    }
    const auto& n = I.nodes[root];
    for (int q = 0; q < 4; ++q) {
        std::uint32_t idx = n.c[q];
        unsigned l = level - 1;
        while (l > 99) {
            idx = I.nodes[idx].c[3 - q];
            --l;
        }
        const i128 s = i128(1) << l;
        visit(I, l, idx, (q & 1) ? 0 : -s, (q & 2) ? 0 : -s, vx0, vy0, vx1, vy1, stopLevel, f);
    }
}
} // namespace

bool HashLife::cell(std::int64_t x, std::int64_t y) const {
    bool alive = false;
    visitRoot(*m_impl, m_rootLevel, m_root, x, y, i128(x) + 1, i128(y) + 1, 3,
              [&](unsigned, std::uint32_t idx, i128 ox, i128 oy) {
                  alive = (m_impl->leafBits[idx] >> (8 * int(y - oy) + int(x - ox))) & 1;
              });
    return alive;
}

Board HashLife::extract(std::int64_t x, std::int64_t y, std::uint32_t width,
                        std::uint32_t height) const {
    Board b(width, height);
    visitRoot(*m_impl, m_rootLevel, m_root, x, y, i128(x) + width, i128(y) + height, 3,
              [&](unsigned, std::uint32_t idx, i128 ox, i128 oy) {
                  std::uint64_t bits = m_impl->leafBits[idx];
                  while (bits) {
                      const int k = std::countr_zero(bits);
                      bits &= bits - 1;
                      const i128 cx = ox + (k & 7) - x, cy = oy + (k >> 3) - y;
                      if (cx >= 0 && cy >= 0 && cx < width && cy < height)
                          b.set(std::uint32_t(cx), std::uint32_t(cy), true);
                  }
              });
    return b;
}

std::vector<LeafBlock> HashLife::leaves() const {
    std::vector<LeafBlock> out;
    const i128 lim = i128(1) << 62;
    if (m_rootLevel > 63 && boundingBox()) {
        const auto bb = *boundingBox();
        if (bb.x < mpz_class(-1) * (mpz_class(1) << 62) || bb.y < -(mpz_class(1) << 62) ||
            bb.x + bb.width > (mpz_class(1) << 62) || bb.y + bb.height > (mpz_class(1) << 62))
            throw util::LimitError("the pattern reaches beyond 2^62 cells from the origin; only "
                                   "Macrocell (.mc) can store it");
    }
    visitRoot(
        *m_impl, m_rootLevel, m_root, -lim, -lim, lim, lim, 3,
        [&](unsigned, std::uint32_t idx, i128 ox, i128 oy) {
            out.push_back({std::int64_t(ox >> 3), std::int64_t(oy >> 3), m_impl->leafBits[idx]});
        });
    return out;
}

void HashLife::advanceOnce(unsigned j, const util::TaskContext& ctx) {
    Impl& I = *m_impl;
    if (m_rootLevel + 3 > kMaxLevel || j + 4 > kMaxLevel)
        throw util::LimitError("HashLife: the universe would exceed 2^" +
                               std::to_string(kMaxLevel) + " cells per side");
    I.setStepLog(j);
    std::uint32_t root = m_root;
    unsigned level = m_rootLevel;
    I.emptyAt(std::max(level, j + 2) + 2);
    while (level < std::max(j + 2, 5u) || !centred(I, root, level))
        expandRoot(I, root, level);
    expandRoot(I, root, level);
    I.emptyAt(level + 1);
    // The expanded root is not yet m_root: keep it on the GC stack while its result runs.
    I.gcStack.clear();
    I.gcStack.push_back(root);
    I.ctx = &ctx;
    std::uint32_t r;
    try {
        r = I.result(level, root);
    } catch (...) {
        I.gcStack.clear();
        I.ctx = nullptr;
        throw;
    }
    I.gcStack.clear();
    I.ctx = nullptr;
    --level;
    while (level > 5 && centred(I, r, level)) {
        const auto& n = I.nodes[r];
        r = I.findNode(level - 1, I.nodes[n.c[0]].c[3], I.nodes[n.c[1]].c[2], I.nodes[n.c[2]].c[1],
                       I.nodes[n.c[3]].c[0]);
        --level;
    }
    m_root = r;
    m_rootLevel = level;
    mpz_class inc = 1;
    inc <<= j;
    m_generation += inc;
}

void HashLife::step(const mpz_class& generations, const util::TaskContext& ctx) {
    if (generations < 0)
        throw util::Error("HashLife: cannot step a negative number of generations");
    const std::size_t bits = generations == 0 ? 0 : mpz_sizeinbase(generations.get_mpz_t(), 2);
    if (bits + 4 > kMaxLevel)
        throw util::LimitError("HashLife: at most 2^" + std::to_string(kMaxLevel - 5) +
                               " generations per step");
    std::size_t done = 0, total = mpz_popcount(generations.get_mpz_t());
    for (std::size_t j = 0; j < bits; ++j) {
        if (!mpz_tstbit(generations.get_mpz_t(), j))
            continue;
        ctx.checkCancelled();
        ctx.report(double(done) / double(total));
        if (isEmpty()) {
            // Nothing to compute: an empty plane stays empty.
            mpz_class inc = 1;
            inc <<= unsigned(j);
            m_generation += inc;
        } else {
            advanceOnce(unsigned(j), ctx);
        }
        ++done;
    }
    ctx.report(1.0);
}

void HashLife::stepPow2(unsigned k, const util::TaskContext& ctx) {
    mpz_class n = 1;
    n <<= k;
    step(n, ctx);
}

mpz_class HashLife::population() const {
    std::unordered_map<std::uint32_t, mpz_class> memo;
    return m_impl->popBig(m_rootLevel, m_root, memo);
}

namespace {
// Offset of the first (or last) live row or column inside a non-empty node. dir: 0 top (min y),
// 1 bottom (max y), 2 left (min x), 3 right (max x).
template <class T> struct Extent {
    const HashLife::Impl& I;
    int dir;
    std::unordered_map<std::uint32_t, T> memo;

    T leaf(std::uint64_t bits) const {
        if (dir < 2) {
            const int first = std::countr_zero(bits) / 8, last = 7 - std::countl_zero(bits) / 8;
            return T(dir == 0 ? first : last);
        }
        std::uint64_t cols = 0;
        for (int r = 0; r < 8; ++r)
            cols |= (bits >> (8 * r)) & 0xFF;
        const int first = std::countr_zero(cols), last = 63 - std::countl_zero(cols);
        return T(dir == 2 ? first : last);
    }
    T operator()(unsigned level, std::uint32_t idx) {
        if (level == 3)
            return leaf(I.leafBits[idx]);
        auto it = memo.find(idx);
        if (it != memo.end())
            return it->second;
        const auto& n = I.nodes[idx];
        // Quadrant pairs: the "near" pair holds the extreme when non-empty.
        static constexpr int kNear[4][2] = {{0, 1}, {2, 3}, {0, 2}, {1, 3}};
        static constexpr int kFar[4][2] = {{2, 3}, {0, 1}, {1, 3}, {0, 2}};
        const bool isMin = dir == 0 || dir == 2;
        T half = 1;
        half <<= level - 1;
        auto best = [&](const int(&pair)[2], T add, bool& any) {
            T v = 0;
            any = false;
            for (int q : pair) {
                if (I.isEmpty(level - 1, n.c[q]))
                    continue;
                T e = (*this)(level - 1, n.c[q]);
                if (!any || (isMin ? e < v : e > v))
                    v = e;
                any = true;
            }
            return T(v + add);
        };
        bool any = false;
        // For min: near pair at offset 0; for max: near pair at offset half.
        T v = best(kNear[dir], isMin ? T(0) : half, any);
        if (!any)
            v = best(kFar[dir], isMin ? half : T(0), any);
        memo.emplace(idx, v);
        return v;
    }
};

template <class T>
BigRect boundingBoxAs(const HashLife::Impl& I, unsigned level, std::uint32_t root) {
    T e[4];
    for (int d = 0; d < 4; ++d)
        e[d] = Extent<T>{I, d, {}}(level, root);
    auto big = [](const T& v) {
        if constexpr (std::is_same_v<T, mpz_class>) {
            return v;
        } else {
            mpz_class m;
            mpz_import(m.get_mpz_t(), 1, 1, sizeof v, 0, 0, &v);
            return m;
        }
    };
    mpz_class origin = 1;
    origin <<= level - 1;
    origin = -origin;
    BigRect r;
    r.x = origin + big(e[2]);
    r.y = origin + big(e[0]);
    r.width = big(e[3]) - big(e[2]) + 1;
    r.height = big(e[1]) - big(e[0]) + 1;
    return r;
}
} // namespace

std::optional<BigRect> HashLife::boundingBox() const {
    if (isEmpty())
        return std::nullopt;
    if (m_rootLevel <= 63)
        return boundingBoxAs<std::uint64_t>(*m_impl, m_rootLevel, m_root);
    return boundingBoxAs<mpz_class>(*m_impl, m_rootLevel, m_root);
}

void HashLife::render(std::int64_t x0, std::int64_t y0, unsigned shift, std::uint32_t width,
                      std::uint32_t height, std::span<float> out) const {
    if (shift > 62)
        throw std::invalid_argument("HashLife::render: shift above 62");
    if (out.size() < std::size_t(width) * height)
        throw std::invalid_argument("HashLife::render: buffer too small");
    std::vector<double> acc(std::size_t(width) * height, 0.0);
    std::unordered_map<std::uint32_t, double> memo;
    const i128 vx1 = i128(x0) + (i128(width) << shift), vy1 = i128(y0) + (i128(height) << shift);
    const Impl& I = *m_impl;
    auto addPixel = [&](i128 cx, i128 cy, double v) {
        const i128 px = (cx - x0) >> shift, py = (cy - y0) >> shift;
        if (px >= 0 && py >= 0 && px < width && py < height)
            acc[std::size_t(py) * width + std::size_t(px)] += v;
    };
    visitRoot(I, m_rootLevel, m_root, x0, y0, vx1, vy1, std::max(shift, 3u),
              [&](unsigned level, std::uint32_t idx, i128 ox, i128 oy) {
                  if (level > shift) { // a leaf with cells larger than... (shift < 3)
                      std::uint64_t bits = I.leafBits[idx];
                      while (bits) {
                          const int k = std::countr_zero(bits);
                          bits &= bits - 1;
                          addPixel(ox + (k & 7), oy + (k >> 3), 1.0);
                      }
                  } else {
                      addPixel(ox, oy, I.popDouble(level, idx, memo));
                  }
              });
    const double cellsPerPixel = std::ldexp(1.0, int(2 * shift));
    for (std::size_t i = 0; i < acc.size(); ++i)
        out[i] = float(std::min(1.0, acc[i] / cellsPerPixel));
}

HashLifeStats HashLife::stats() const {
    HashLifeStats s;
    s.nodes = m_impl->liveNodes;
    s.leaves = m_impl->liveLeaves;
    s.bytes = m_impl->allocatedBytes();
    s.memoryLimit = m_memoryLimit;
    s.resultHits = m_impl->hits;
    s.resultMisses = m_impl->misses;
    s.gcRuns = m_impl->gcRuns;
    s.rootLevel = m_rootLevel;
    return s;
}

HashLife::NodeRef HashLife::makeLeaf(std::uint64_t bits) {
    return {3, m_impl->findLeaf(bits)};
}

HashLife::NodeRef HashLife::makeNode(unsigned level, NodeRef nw, NodeRef ne, NodeRef sw,
                                     NodeRef se) {
    if (level < 4 || level > kMaxLevel || nw.level != level - 1 || ne.level != level - 1 ||
        sw.level != level - 1 || se.level != level - 1)
        throw std::invalid_argument("HashLife::makeNode: children must be one level down");
    return {level, m_impl->findNode(level, nw.index, ne.index, sw.index, se.index)};
}

HashLife::NodeRef HashLife::emptyNode(unsigned level) {
    if (level < 3 || level > kMaxLevel)
        throw std::invalid_argument("HashLife::emptyNode: level out of range");
    return {level, m_impl->emptyAt(level)};
}

bool HashLife::isEmptyNode(NodeRef n) const {
    return m_impl->isEmpty(n.level, n.index);
}

std::uint64_t HashLife::leafBits(NodeRef leaf) const {
    return m_impl->leafBits[leaf.index];
}

void HashLife::children(NodeRef n, NodeRef out[4]) const {
    if (n.level < 4)
        throw std::invalid_argument("HashLife::children: a leaf has no children");
    for (int q = 0; q < 4; ++q)
        out[q] = {n.level - 1, m_impl->nodes[n.index].c[q]};
}

} // namespace algoscope::life
