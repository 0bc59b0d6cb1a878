// [SECTIONS] node interning (point sets as bitsets) | split pairs | counting passes (long double
// and GMP, one template) | sampling and enumeration | pattern counting | penalised objective.
#include "rashomon/TreeCounter.h"

#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace algoscope::rashomon {

// GCC and Clang's 128-bit integer, for limb products (__extension__: not ISO C++).
__extension__ using u128 = unsigned __int128;

mpz_class treeSpaceSize(TreeSpace space, int depth, std::size_t features, int classes) {
    if (depth < 0 || depth > kMaxTreeDepth)
        throw util::LimitError("tree depth must be in 0.." + std::to_string(kMaxTreeDepth));
    const mpz_class p(static_cast<unsigned long>(features));
    const mpz_class c(static_cast<unsigned long>(classes));
    if (space == TreeSpace::FullDepth) {
        // p^(2^D - 1) * C^(2^D): one feature per internal node, one label per leaf.
        mpz_class a, b;
        const unsigned long leaves = 1ul << depth;
        mpz_pow_ui(a.get_mpz_t(), p.get_mpz_t(), leaves - 1);
        mpz_pow_ui(b.get_mpz_t(), c.get_mpz_t(), leaves);
        return a * b;
    }
    // T(0) = C, T(d) = C + p * T(d-1)^2: a leaf, or a split with two subtrees of depth d-1.
    mpz_class t = c;
    for (int d = 1; d <= depth; ++d)
        t = c + p * t * t;
    return t;
}

int maxErrorsFor(int bestErrors, double theta, std::size_t n) {
    if (!(theta >= 0) || !std::isfinite(theta))
        throw util::Error("theta must be a finite number >= 0");
    const double extra = std::floor(theta * double(n) + 1e-9);
    return int(std::min<double>(double(n), double(bestErrors) + extra));
}

namespace {

// The programme's big tables (polynomial arenas, their index, the exact pass's limbs) are
// written once, in order, and grow to megabytes. With 4 KiB pages every count pays one page
// fault per 4 KiB of fresh memory, and on a virtual machine a fault costs microseconds: at
// MONK-1 depth 7 the faults took half the time of the whole count. Blocks of 2 MiB and more
// are therefore mapped 2 MiB-aligned and marked for transparent huge pages (one fault per
// 2 MiB where the kernel allows it, ordinary pages where it does not); smaller ones come from
// the ordinary allocator.
//
// A fresh huge page is still zeroed by the kernel, and every table starts at one: with the
// blocks unmapped after each count, a small count (MONK-1 at depth 5, 4 ms) spent a third of
// its time in the kernel's clear_page and another tenth mapping and unmapping (perf). Freed
// blocks are therefore kept, by exact length, for the next count (the GUI recounts on every
// change of depth or data), up to kCacheBytes in all; beyond that they are unmapped.
#if defined(__linux__)
class HugeBlockCache {
public:
    static constexpr std::size_t kHuge = std::size_t(1) << 21;
    static constexpr std::size_t kCacheBytes = std::size_t(256) << 20;
    static HugeBlockCache& instance() {
        static HugeBlockCache cache; // never destroyed before the counts that use it
        return cache;
    }
    void* take(std::size_t len) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            for (std::size_t i = 0; i < m_blocks.size(); ++i)
                if (m_blocks[i].len == len) {
                    void* p = m_blocks[i].p;
                    m_blocks[i] = m_blocks.back();
                    m_blocks.pop_back();
                    m_bytes -= len;
                    return p;
                }
        }
        return map(len);
    }
    void give(void* p, std::size_t len) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_bytes + len <= kCacheBytes) {
                m_blocks.push_back({p, len});
                m_bytes += len;
                return;
            }
        }
        munmap(p, len);
    }

private:
    struct Block {
        void* p;
        std::size_t len;
    };
    static void* map(std::size_t len) {
        void* raw =
            mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw == MAP_FAILED)
            throw std::bad_alloc();
        const auto base = reinterpret_cast<std::uintptr_t>(raw);
        const std::uintptr_t aligned = (base + kHuge - 1) & ~std::uintptr_t(kHuge - 1);
        if (aligned > base)
            munmap(raw, aligned - base);
        if (aligned + len < base + len + kHuge)
            munmap(reinterpret_cast<void*>(aligned + len), base + len + kHuge - aligned - len);
        madvise(reinterpret_cast<void*>(aligned), len, MADV_HUGEPAGE);
        return reinterpret_cast<void*>(aligned);
    }
    std::mutex m_mutex;
    std::vector<Block> m_blocks;
    std::size_t m_bytes = 0;
};
#endif

template <class T> struct BigAlloc {
    using value_type = T;
    static constexpr std::size_t kHuge = std::size_t(1) << 21;
    BigAlloc() = default;
    template <class U> BigAlloc(const BigAlloc<U>&) {}
    static std::size_t mappedBytes(std::size_t n) {
        return (n * sizeof(T) + kHuge - 1) & ~(kHuge - 1);
    }
    T* allocate(std::size_t n) {
#if defined(__linux__)
        if (n > std::numeric_limits<std::size_t>::max() / sizeof(T) - kHuge)
            throw std::bad_alloc();
        if (n * sizeof(T) >= kHuge)
            return static_cast<T*>(HugeBlockCache::instance().take(mappedBytes(n)));
#endif
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) {
#if defined(__linux__)
        if (n * sizeof(T) >= kHuge) {
            HugeBlockCache::instance().give(p, mappedBytes(n));
            return;
        }
#endif
        std::allocator<T>().deallocate(p, n);
    }
    template <class U> bool operator==(const BigAlloc<U>&) const {
        return true;
    }
};
template <class T> using BigVector = std::vector<T, BigAlloc<T>>;
/// Starts a big table at one huge page, so that it does not grow through small copies.
template <class T> void reserveHuge(BigVector<T>& v) {
    if (v.capacity() < BigAlloc<T>::kHuge / sizeof(T))
        v.reserve(BigAlloc<T>::kHuge / sizeof(T));
}

// Bits set in a & b & c over W words. The default x86-64 target has no POPCNT instruction (the
// compiler calls a table-driven libgcc routine); the clone with it is picked at load time.
// A build for the native CPU (-march=native) has it already: no clones, so the calls inline.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__POPCNT__)
__attribute__((target_clones("popcnt", "default")))
#endif
int popcount3(const std::uint64_t* a, const std::uint64_t* b, const std::uint64_t* c,
              std::size_t W) {
    int s = 0;
    for (std::size_t i = 0; i < W; ++i)
        s += std::popcount(a[i] & b[i] & c[i]);
    return s;
}

// Point sets S as bitsets of W 64-bit words, interned into dense ids; per id the class counts
// and, once a split is asked for, the distinct unordered child pairs with their features.
struct Interner {
    std::size_t n = 0, W = 0;
    int classes = 0;
    BigVector<std::uint64_t> keys; // id * W
    BigVector<int> size;
    BigVector<int> classCount;       // id * classes
    BigVector<std::int32_t> table;   // open addressing: ids, -1 empty
    BigVector<std::uint64_t> hashes; // per id, for rehashing
    std::vector<std::vector<std::uint64_t>> classMask;
    std::uint64_t mask = 0;

    // Every bit of every word reaches the low bits that pick the slot (MurmurHash3's
    // finaliser after each word): point sets that differ only in their last points, common
    // deep in a tree, must not pile up in one probe chain.
    static std::uint64_t hashWords(const std::uint64_t* w, std::size_t W) {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL;
        for (std::size_t i = 0; i < W; ++i) {
            h = (h ^ w[i]) * 0xff51afd7ed558ccdULL;
            h ^= h >> 32;
        }
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        return h ^ (h >> 33);
    }
    static bool sameWords(const std::uint64_t* a, const std::uint64_t* b, std::size_t W) {
        for (std::size_t i = 0; i < W; ++i)
            if (a[i] != b[i])
                return false;
        return true;
    }
    std::size_t count() const { return size.size(); }

    int intern(const std::uint64_t* w) {
        if (table.empty() || count() * 2 >= table.size())
            rehash(table.empty() ? 1024 : table.size() * 2);
        const std::uint64_t h = hashWords(w, W);
        std::size_t slot = h & (table.size() - 1);
        while (true) {
            const int id = table[slot];
            if (id < 0)
                break;
            if (hashes[std::size_t(id)] == h && sameWords(w, key(id), W))
                return id;
            slot = (slot + 1) & (table.size() - 1);
        }
        if (count() >= kMaxTreeStates)
            throw util::LimitError("the tree dynamic programme needs more than " +
                                   std::to_string(kMaxTreeStates) +
                                   " distinct point sets (kMaxTreeStates); use fewer features "
                                   "(coarser binarisation) or a smaller depth");
        const int id = int(count());
        table[slot] = id;
        hashes.push_back(h);
        keys.insert(keys.end(), w, w + W);
        int s = 0;
        for (std::size_t i = 0; i < W; ++i)
            s += std::popcount(w[i]);
        size.push_back(s);
        for (int k = 0; k < classes; ++k) {
            int c = 0;
            for (std::size_t i = 0; i < W; ++i)
                c += std::popcount(w[i] & classMask[std::size_t(k)][i]);
            classCount.push_back(c);
        }
        return id;
    }
    void rehash(std::size_t slots) {
        table.assign(slots, -1);
        for (std::size_t id = 0; id < count(); ++id) {
            std::size_t slot = hashes[id] & (slots - 1);
            while (table[slot] >= 0)
                slot = (slot + 1) & (slots - 1);
            table[slot] = int(id);
        }
    }
    const std::uint64_t* key(int id) const { return &keys[std::size_t(id) * W]; }
};

struct SplitPair {
    int a = 0, b = 0;     // node ids, a <= b
    int featureBegin = 0; // into Structure::features
    int count = 0;        // features giving this unordered pair
};
struct PairFeature {
    int feature;
    bool aIsYes; // the yes branch (x_j = 1) is node a
};

// The shared structure of every pass: interned sets and their split pairs.
struct Structure {
    const BinaryData* data = nullptr;
    std::size_t p = 0;
    Interner in;
    std::vector<std::vector<std::uint64_t>> col; // p masks
    BigVector<int> pairBegin, pairEnd;           // per node, -1 until expanded
    BigVector<SplitPair> pairs;
    BigVector<PairFeature> features;
    int root = 0;

    void init(const BinaryData& d) {
        data = &d;
        const std::size_t n = d.rows();
        p = d.cols();
        if (n > kMaxTreePoints)
            throw util::LimitError("tree counting handles at most " +
                                   std::to_string(kMaxTreePoints) +
                                   " training points (kMaxTreePoints); got " + std::to_string(n));
        if (p > kMaxTreeFeatures)
            throw util::LimitError("tree counting handles at most " +
                                   std::to_string(kMaxTreeFeatures) +
                                   " binary features (kMaxTreeFeatures); got " + std::to_string(p));
        if (d.classes() < 1)
            throw util::Error("tree counting needs at least one class");
        in.n = n;
        in.W = std::max<std::size_t>(1, (n + 63) / 64);
        in.classes = d.classes();
        in.classMask.assign(std::size_t(d.classes()), std::vector<std::uint64_t>(in.W, 0));
        for (auto* v : {&in.keys, &in.hashes})
            reserveHuge(*v);
        for (auto* v : {&in.size, &in.classCount, &pairBegin, &pairEnd})
            reserveHuge(*v);
        reserveHuge(pairs);
        reserveHuge(features);
        col.assign(p, std::vector<std::uint64_t>(in.W, 0));
        std::vector<std::uint64_t> all(in.W, 0);
        for (std::size_t i = 0; i < n; ++i) {
            all[i / 64] |= 1ull << (i % 64);
            in.classMask[std::size_t(d.y[i])][i / 64] |= 1ull << (i % 64);
            for (std::size_t j = 0; j < p; ++j)
                if (d.bit(i, j))
                    col[j][i / 64] |= 1ull << (i % 64);
        }
        root = in.intern(all.data());
        const std::vector<std::uint64_t> none(in.W, 0);
        empty = in.intern(none.data());
    }

    struct Raw {
        int a, b, feature;
        bool aIsYes;
    };
    std::vector<std::uint64_t> es, es1, es0; // expand's scratch
    std::vector<Raw> raw;
    int empty = -1; // the empty point set's id

    void expand(int node) {
        if (std::size_t(node) < pairBegin.size() && pairBegin[std::size_t(node)] >= 0)
            return;
        const std::size_t W = in.W;
        es.assign(in.key(node), in.key(node) + W);
        es1.resize(W);
        es0.resize(W);
        raw.clear();
        const int size = in.size[std::size_t(node)];
        for (std::size_t j = 0; j < p; ++j) {
            int n1 = 0;
            for (std::size_t w = 0; w < W; ++w) {
                es1[w] = es[w] & col[j][w];
                es0[w] = es[w] & ~col[j][w];
                n1 += std::popcount(es1[w]);
            }
            // A feature constant on S sends it all one way: (S, empty) without hashing either
            // (deep in a tree most features are constant on the few points left).
            const int yes = n1 == 0 ? empty : n1 == size ? node : in.intern(es1.data());
            const int no = n1 == 0 ? node : n1 == size ? empty : in.intern(es0.data());
            if (yes <= no)
                raw.push_back({yes, no, int(j), true});
            else
                raw.push_back({no, yes, int(j), false});
        }
        // Ties keep feature order (std::sort with the feature as the last key: no buffer).
        std::sort(raw.begin(), raw.end(), [](const Raw& x, const Raw& y) {
            return x.a != y.a ? x.a < y.a : x.b != y.b ? x.b < y.b : x.feature < y.feature;
        });
        if (pairBegin.size() < in.count()) {
            pairBegin.resize(in.count() + 1024, -1);
            pairEnd.resize(in.count() + 1024, -1);
        }
        pairBegin[std::size_t(node)] = int(pairs.size());
        for (std::size_t i = 0; i < raw.size();) {
            std::size_t k = i;
            SplitPair sp{raw[i].a, raw[i].b, int(features.size()), 0};
            while (k < raw.size() && raw[k].a == raw[i].a && raw[k].b == raw[i].b) {
                features.push_back({raw[k].feature, raw[k].aIsYes});
                ++sp.count;
                ++k;
            }
            pairs.push_back(sp);
            i = k;
        }
        pairEnd[std::size_t(node)] = int(pairs.size());
    }
};

// ---- Counting passes ----------------------------------------------------------------------
// A polynomial: coefficients for errors lo .. lo + len - 1 (len 0: the zero polynomial).
struct PolyRef {
    int lo = 0;
    int len = -1; // -1: not computed yet
    std::size_t offset = 0;
};

// out[j] += x * y[j]: out is a scratch buffer and y lives in the arena, never the same memory;
// saying so lets the compiler vectorise the loop.
template <class T> inline void axpy(T* __restrict out, const T* __restrict y, T x, int len) {
    for (int j = 0; j < len; ++j)
        out[j] += x * y[j];
}

// out[k] += mult * sum_{i + j = k} a[i] * b[j] for k < outLen (out starts at a[0]b[0]'s
// error). One call per split pair, cloned per instruction set so the inner loop runs on the
// widest vectors the CPU has (the default x86-64 target stops at SSE2) unless the build already
// targets them. (An output-stationary form, 8 outputs summed in registers, was slower on these
// short polynomials.)
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__AVX2__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void convolveInto(double* __restrict out, int outLen, const double* __restrict a, int la,
                  const double* __restrict b, int lb, double mult) {
    for (int i = 0; i < la && i < outLen; ++i) {
        const double x = a[i] * mult;
        const int len = std::min(lb, outLen - i);
        double* o = out + i;
        for (int j = 0; j < len; ++j)
            o[j] += x * b[j];
    }
}

// The depth-1 level's per-call buffers (class counts on the yes side, small counts per error).
struct LeafScratch {
    std::vector<int> c1;
    std::vector<std::uint64_t> small;
};

template <class T> struct CountPass {
    Structure* st = nullptr;
    TreeSpace space = TreeSpace::MaxDepth;
    int depth = 0;
    int maxErrors = std::numeric_limits<int>::max(); // truncation
    const util::TaskContext* ctx = nullptr;
    BigVector<T> arena;
    std::vector<std::vector<T>> scratch; // per depth
    struct PairRefs {
        PolyRef ra, rb;
        int count;
    };
    std::vector<std::vector<PairRefs>> pairScratch; // per depth
    LeafScratch leafScratch;
    BigVector<PolyRef> refs; // node * (depth + 1) + d
    std::size_t calls = 0;
    // Optional: the refs of a complete earlier pass, whose lo is the fewest errors of (node, d).
    const BigVector<PolyRef>* lowerBounds = nullptr;

    int lowerBound(int node, int d) const {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (i >= lowerBounds->size() || (*lowerBounds)[i].len < 0)
            return 0; // not computed there: no bound
        return (*lowerBounds)[i].len == 0 ? std::numeric_limits<int>::max() / 4
                                          : (*lowerBounds)[i].lo;
    }

    /// Makes sure (node, d)'s split pairs and their children's polynomials exist (d == 1 nodes
    /// skip them while counting).
    void ensureChildren(int node, int d) {
        if (d == 0)
            return;
        st->expand(node);
        for (int pi = st->pairBegin[std::size_t(node)]; pi < st->pairEnd[std::size_t(node)]; ++pi) {
            const SplitPair sp = st->pairs[std::size_t(pi)];
            compute(sp.a, d - 1);
            compute(sp.b, d - 1);
        }
    }

    PolyRef& ref(int node, int d) {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (refs.size() <= i)
            refs.resize(i + 1 + std::size_t(depth + 1) * 1024); // the vector doubles its capacity
        return refs[i];
    }

    static void addProduct(T& acc, const T& x, const T& y, int mult) {
        if constexpr (std::is_same_v<T, mpz_class>) {
            if (mult == 1) {
                mpz_addmul(acc.get_mpz_t(), x.get_mpz_t(), y.get_mpz_t());
            } else {
                mpz_class t = x * y;
                mpz_addmul_ui(acc.get_mpz_t(), t.get_mpz_t(), static_cast<unsigned long>(mult));
            }
        } else {
            acc += x * y * T(mult);
        }
    }

    PolyRef compute(int node, int d) {
        {
            const PolyRef& r = ref(node, d);
            if (r.len >= 0)
                return r;
        }
        if ((++calls & 63) == 0 && ctx)
            ctx->checkCancelled();
        const int sz = st->in.size[std::size_t(node)];
        const int top = std::min(sz, maxErrors);
        // One scratch accumulator per depth: compute(., d) only recurses into d - 1, so the
        // buffers never overlap, and nothing is allocated per call (mpz values are reused).
        if (scratch.size() < std::size_t(depth) + 1)
            scratch.resize(std::size_t(depth) + 1);
        std::vector<T>& acc = scratch[std::size_t(d)];
        if (acc.size() < std::size_t(top) + 1)
            acc.resize(std::size_t(top) + 1);
        for (int e = 0; e <= top; ++e)
            acc[std::size_t(e)] = 0;
        if (space == TreeSpace::MaxDepth || d == 0) {
            for (int k = 0; k < st->in.classes; ++k) {
                const int e =
                    sz - st->in.classCount[std::size_t(node) * std::size_t(st->in.classes) +
                                           std::size_t(k)];
                if (e <= top)
                    acc[std::size_t(e)] += 1;
            }
        }
        if (d == 1) {
            // Last split level: the children are leaves, so their polynomials follow from the
            // class counts of S & x_j and S \ x_j alone. Counting them with popcounts instead of
            // interning 2p child sets per node removes most states of the programme (sampling
            // and enumeration intern the few children they visit).
            const std::size_t W = st->in.W;
            const int C = st->in.classes;
            const std::uint64_t* s = st->in.key(node);
            std::vector<int>& c1 = leafScratch.c1; // reused: this runs for most nodes
            c1.assign(static_cast<std::size_t>(C), 0);
            // At most p * C^2 + C trees: plain integers, added to acc once at the end.
            std::vector<std::uint64_t>& small = leafScratch.small;
            small.assign(static_cast<std::size_t>(top) + 1, 0);
            const int* cs = &st->in.classCount[std::size_t(node) * std::size_t(C)];
            for (std::size_t j = 0; j < st->p; ++j) {
                const std::uint64_t* col = st->col[j].data();
                int n1 = 0;
                for (int k = 0; k < C; ++k) {
                    const std::uint64_t* cm = st->in.classMask[std::size_t(k)].data();
                    const int c = popcount3(s, col, cm, W);
                    c1[std::size_t(k)] = c;
                    n1 += c;
                }
                const int n0 = sz - n1;
                for (int k1 = 0; k1 < C; ++k1) {
                    const int e1 = n1 - c1[std::size_t(k1)];
                    for (int k0 = 0; k0 < C; ++k0) {
                        const int e = e1 + n0 - (cs[k0] - c1[std::size_t(k0)]);
                        if (e <= top)
                            small[std::size_t(e)] += 1;
                    }
                }
            }
            for (int e = 0; e <= top; ++e)
                if (small[std::size_t(e)])
                    acc[std::size_t(e)] += T(static_cast<unsigned long>(small[std::size_t(e)]));
        } else if (d > 0) {
            st->expand(node);
            const int pb = st->pairBegin[std::size_t(node)], pe = st->pairEnd[std::size_t(node)];
            if constexpr (std::is_same_v<T, double>) {
                // Two classes, no truncation: swapping every leaf's label maps the subtrees
                // with e errors on S one to one onto those with |S| - e, so P(S, d) is a
                // palindrome. Only its first half is convolved; the rest is mirrored.
                if (st->in.classes == 2 && top == sz) {
                    convolvePairs(node, d, pb, pe, sz / 2, acc);
                    for (int e = sz / 2 + 1; e <= sz; ++e)
                        acc[std::size_t(e)] = acc[std::size_t(sz - e)];
                } else {
                    convolvePairs(node, d, pb, pe, top, acc);
                }
            } else {
                for (int pi = pb; pi < pe; ++pi) {
                    const SplitPair sp = st->pairs[std::size_t(pi)];
                    // Exact pass: the long-double pass's lowest errors bound this pair from below.
                    if (lowerBounds && lowerBound(sp.a, d - 1) + lowerBound(sp.b, d - 1) > top)
                        continue;
                    const PolyRef ra = compute(sp.a, d - 1);
                    const PolyRef rb = compute(sp.b, d - 1);
                    if (ra.len <= 0 || rb.len <= 0)
                        continue;
                    for (int i = 0; i < ra.len; ++i) {
                        const int ea = ra.lo + i;
                        if (ea + rb.lo > top)
                            break;
                        const int jmax = std::min(rb.len - 1, top - ea - rb.lo);
                        T* out = acc.data() + (ea + rb.lo);
                        const T* yb = arena.data() + rb.offset;
                        if constexpr (std::is_floating_point_v<T>) {
                            axpy(out, yb, arena[ra.offset + std::size_t(i)] * T(sp.count),
                                 jmax + 1);
                        } else {
                            const T& x = arena[ra.offset + std::size_t(i)];
                            for (int j = 0; j <= jmax; ++j)
                                addProduct(out[j], x, yb[j], sp.count);
                        }
                    }
                    if (d == depth && node == st->root && ctx)
                        ctx->report(double(pi - pb + 1) / double(pe - pb), "counting trees");
                }
            }
        }
        int lo = 0, hi = top;
        while (lo <= hi && acc[std::size_t(lo)] == 0)
            ++lo;
        while (hi >= lo && acc[std::size_t(hi)] == 0)
            --hi;
        PolyRef r;
        r.lo = lo;
        r.len = hi >= lo ? hi - lo + 1 : 0;
        r.offset = arena.size();
        for (int e = lo; e <= hi; ++e)
            arena.push_back(acc[std::size_t(e)]);
        ref(node, d) = r;
        return r;
    }

    void prefetchRef(int node, int d) const {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (i < refs.size())
            __builtin_prefetch(&refs[i]);
    }
    // The double pass's splits, in two sweeps so that memory latency overlaps: the memo entries
    // of all children are prefetched, the children computed (or found), their coefficients
    // prefetched, and only then convolved. The programme is bound by these scattered reads
    // (a few thousand point sets, each read by many parents), not by the arithmetic.
    void convolvePairs(int node, int d, int pb, int pe, int top, std::vector<T>& acc) {
        constexpr int kAhead = 16;
        for (int pi = pb; pi < pe && pi < pb + kAhead; ++pi) {
            prefetchRef(st->pairs[std::size_t(pi)].a, d - 1);
            prefetchRef(st->pairs[std::size_t(pi)].b, d - 1);
        }
        if (pairScratch.size() < std::size_t(depth) + 1)
            pairScratch.resize(std::size_t(depth) + 1);
        auto& got = pairScratch[std::size_t(d)];
        got.clear();
        for (int pi = pb; pi < pe; ++pi) {
            if (pi + kAhead < pe) {
                prefetchRef(st->pairs[std::size_t(pi + kAhead)].a, d - 1);
                prefetchRef(st->pairs[std::size_t(pi + kAhead)].b, d - 1);
            }
            const SplitPair sp = st->pairs[std::size_t(pi)];
            const PolyRef ra = compute(sp.a, d - 1);
            const PolyRef rb = compute(sp.b, d - 1);
            if (ra.len <= 0 || rb.len <= 0 || ra.lo + rb.lo > top)
                continue;
            __builtin_prefetch(arena.data() + ra.offset);
            __builtin_prefetch(arena.data() + rb.offset);
            got.push_back({ra, rb, sp.count});
        }
        for (std::size_t k = 0; k < got.size(); ++k) {
            const auto& g = got[k];
            const int base = g.ra.lo + g.rb.lo;
            convolveInto(acc.data() + base, top - base + 1, arena.data() + g.ra.offset, g.ra.len,
                         arena.data() + g.rb.offset, g.rb.len, double(g.count));
            if (d == depth && node == st->root && ctx)
                ctx->report(double(k + 1) / double(got.size()), "counting trees");
        }
    }

    std::vector<T> coefficients(const PolyRef& r, int upto) const {
        std::vector<T> out(std::size_t(upto) + 1);
        for (int i = 0; i < r.len; ++i)
            if (r.lo + i <= upto)
                out[std::size_t(r.lo + i)] = arena[r.offset + std::size_t(i)];
        return out;
    }
    T at(const PolyRef& r, int e) const {
        if (e < r.lo || e >= r.lo + r.len)
            return T(0);
        return arena[r.offset + std::size_t(e - r.lo)];
    }
};

// The exact pass on GMP's low-level (mpn) functions: a coefficient of P(S, d) never exceeds
// T(d), the number of trees of depth d, so an accumulator of limbs(T(d)) + 1 words per error
// level cannot overflow; stored coefficients keep only their significant limbs, and products of
// one-limb numbers (most of them, deep in the tree) take an inline 128-bit path. Same recursion,
// same pruning by the first pass's lowest errors as CountPass<mpz_class>, which it replaces for
// speed (mpz_addmul's allocation and sign handling dominated the exact pass).
struct LimbPass {
    Structure* st = nullptr;
    TreeSpace space = TreeSpace::MaxDepth;
    int depth = 0;
    int maxErrors = 0;
    const util::TaskContext* ctx = nullptr;
    const BigVector<PolyRef>* lowerBounds = nullptr;
    // The first pass's coefficients: in double (firstDouble) or in long double (firstLong).
    const BigVector<double>* firstDouble = nullptr;
    const BigVector<long double>* firstLong = nullptr;
    std::vector<std::size_t> width;              // limbs per accumulator, per depth
    BigVector<mp_limb_t> limbs;                  // all stored coefficients
    BigVector<std::uint64_t> coef;               // per coefficient: offset << 8 | size
    BigVector<PolyRef> refs;                     // offset indexes coef
    std::vector<std::vector<mp_limb_t>> scratch; // per depth: (top + 1) * width
    std::vector<mp_limb_t> tmp;
    LeafScratch leafScratch;
    std::size_t calls = 0;

    PolyRef& ref(int node, int d) {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (refs.size() <= i)
            refs.resize(i + 1 + std::size_t(depth + 1) * 1024); // the vector doubles its capacity
        return refs[i];
    }
    int lowerBound(int node, int d) const {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (i >= lowerBounds->size() || (*lowerBounds)[i].len < 0)
            return 0;
        return (*lowerBounds)[i].len == 0 ? std::numeric_limits<int>::max() / 4
                                          : (*lowerBounds)[i].lo;
    }
    // Below 2^53: an exact integer (see the shortcut in compute). Compared in the pass's own
    // type (x87 long double conversions were a visible cost here).
    bool firstExact(std::size_t i) const {
        return firstDouble ? (*firstDouble)[i] < 9007199254740992.0
                           : (*firstLong)[i] < 9007199254740992.0L;
    }
    mp_limb_t firstLimb(std::size_t i) const {
        return firstDouble ? mp_limb_t((*firstDouble)[i]) : mp_limb_t((*firstLong)[i]);
    }
    const mp_limb_t* coefLimbs(std::size_t c, std::size_t& size) const {
        size = std::size_t(coef[c] & 0xff);
        return limbs.data() + (coef[c] >> 8);
    }
    // acc (w limbs) += a * b * mult.
    void addProduct(mp_limb_t* acc, std::size_t w, const mp_limb_t* a, std::size_t na,
                    const mp_limb_t* b, std::size_t nb, mp_limb_t mult) {
        if (na == 1 && nb == 1) {
            const u128 p = u128(a[0]) * b[0];
            mp_limb_t lo = mp_limb_t(p), hi = mp_limb_t(p >> 64), top = 0;
            if (mult != 1) {
                const u128 l = u128(lo) * mult;
                const u128 h = u128(hi) * mult + (l >> 64);
                lo = mp_limb_t(l);
                hi = mp_limb_t(h);
                top = mp_limb_t(h >> 64);
            }
            const mp_limb_t add[3] = {lo, hi, top};
            const std::size_t n = top ? 3 : (hi ? 2 : 1);
            mpn_add(acc, acc, mp_size_t(w), add, mp_size_t(n));
            return;
        }
        if (na < nb) {
            std::swap(a, b);
            std::swap(na, nb);
        }
        tmp.resize(na + nb + 1);
        mpn_mul(tmp.data(), a, mp_size_t(na), b, mp_size_t(nb));
        std::size_t n = na + nb;
        if (mult != 1) {
            tmp[n] = mpn_mul_1(tmp.data(), tmp.data(), mp_size_t(n), mult);
            ++n;
        }
        while (n > 1 && tmp[n - 1] == 0)
            --n;
        mpn_add(acc, acc, mp_size_t(w), tmp.data(), mp_size_t(n));
    }

    PolyRef compute(int node, int d) {
        {
            const PolyRef& r = ref(node, d);
            if (r.len >= 0)
                return r;
        }
        if ((++calls & 63) == 0 && ctx)
            ctx->checkCancelled();
        const int sz = st->in.size[std::size_t(node)];
        const int top = std::min(sz, maxErrors);
        // Shortcut: every count is a sum of products of non-negative integers, so each term
        // that reaches a coefficient is at most that coefficient. When the first pass's
        // coefficients up to `top` are all below 2^53, every operand and partial sum that made
        // them was an integer below 2^53, where double arithmetic is exact: they ARE the exact
        // counts, and the whole subtree of this (node, d) needs no big-integer work.
        {
            const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
            if (i < lowerBounds->size() && (*lowerBounds)[i].len >= 0) {
                const PolyRef fr = (*lowerBounds)[i];
                bool small = true;
                const int last = std::min(top, fr.lo + fr.len - 1);
                for (int e = fr.lo; e <= last && small; ++e)
                    small = firstExact(fr.offset + std::size_t(e - fr.lo));
                if (small) {
                    PolyRef r;
                    r.lo = fr.lo;
                    r.len = std::max(0, last - fr.lo + 1);
                    r.offset = coef.size();
                    for (int e = fr.lo; e <= last; ++e) {
                        const auto v = firstLimb(fr.offset + std::size_t(e - fr.lo));
                        coef.push_back((std::uint64_t(limbs.size()) << 8) | (v ? 1u : 0u));
                        if (v)
                            limbs.push_back(v);
                    }
                    ref(node, d) = r;
                    return r;
                }
            }
        }
        const std::size_t w = width[std::size_t(d)];
        if (scratch.size() < std::size_t(depth) + 1)
            scratch.resize(std::size_t(depth) + 1);
        std::vector<mp_limb_t>& acc = scratch[std::size_t(d)];
        acc.assign(std::size_t(top + 1) * w, 0);
        auto addSmall = [&](int e, std::uint64_t v) {
            const mp_limb_t add = v;
            mpn_add(&acc[std::size_t(e) * w], &acc[std::size_t(e) * w], mp_size_t(w), &add, 1);
        };
        const int C = st->in.classes;
        if (space == TreeSpace::MaxDepth || d == 0)
            for (int k = 0; k < C; ++k) {
                const int e =
                    sz - st->in.classCount[std::size_t(node) * std::size_t(C) + std::size_t(k)];
                if (e <= top)
                    addSmall(e, 1);
            }
        if (d == 1) {
            // Children are leaves: class counts by popcount, as in CountPass.
            const std::size_t W = st->in.W;
            const std::uint64_t* s = st->in.key(node);
            const int* cs = &st->in.classCount[std::size_t(node) * std::size_t(C)];
            std::vector<int>& c1 = leafScratch.c1; // reused: this runs for most nodes
            c1.assign(static_cast<std::size_t>(C), 0);
            std::vector<std::uint64_t>& small = leafScratch.small;
            small.assign(static_cast<std::size_t>(top) + 1, 0);
            for (std::size_t j = 0; j < st->p; ++j) {
                int n1 = 0;
                for (int k = 0; k < C; ++k) {
                    c1[std::size_t(k)] =
                        popcount3(s, st->col[j].data(), st->in.classMask[std::size_t(k)].data(), W);
                    n1 += c1[std::size_t(k)];
                }
                const int n0 = sz - n1;
                for (int k1 = 0; k1 < C; ++k1)
                    for (int k0 = 0; k0 < C; ++k0) {
                        const int e =
                            n1 - c1[std::size_t(k1)] + n0 - (cs[k0] - c1[std::size_t(k0)]);
                        if (e <= top)
                            ++small[std::size_t(e)];
                    }
            }
            for (int e = 0; e <= top; ++e)
                if (small[std::size_t(e)])
                    addSmall(e, small[std::size_t(e)]);
        } else if (d > 1) {
            st->expand(node);
            const int pb = st->pairBegin[std::size_t(node)], pe = st->pairEnd[std::size_t(node)];
            for (int pi = pb; pi < pe; ++pi) {
                const SplitPair sp = st->pairs[std::size_t(pi)];
                if (lowerBound(sp.a, d - 1) + lowerBound(sp.b, d - 1) > top)
                    continue;
                const PolyRef ra = compute(sp.a, d - 1);
                const PolyRef rb = compute(sp.b, d - 1);
                for (int i = 0; i < ra.len; ++i) {
                    const int ea = ra.lo + i;
                    if (ea + rb.lo > top)
                        break;
                    std::size_t na = 0;
                    const mp_limb_t* a = coefLimbs(ra.offset + std::size_t(i), na);
                    if (na == 0)
                        continue;
                    const int jmax = std::min(rb.len - 1, top - ea - rb.lo);
                    for (int j = 0; j <= jmax; ++j) {
                        std::size_t nb = 0;
                        const mp_limb_t* b = coefLimbs(rb.offset + std::size_t(j), nb);
                        if (nb == 0)
                            continue;
                        addProduct(&acc[std::size_t(ea + rb.lo + j) * w], w, a, na, b, nb,
                                   mp_limb_t(sp.count));
                    }
                }
            }
        }
        // Store the non-zero range, each coefficient with its significant limbs only.
        auto sizeOf = [&](int e) {
            std::size_t n = w;
            while (n > 0 && acc[std::size_t(e) * w + n - 1] == 0)
                --n;
            return n;
        };
        int lo = 0, hi = top;
        while (lo <= hi && sizeOf(lo) == 0)
            ++lo;
        while (hi >= lo && sizeOf(hi) == 0)
            --hi;
        PolyRef r;
        r.lo = lo;
        r.len = hi >= lo ? hi - lo + 1 : 0;
        r.offset = coef.size();
        for (int e = lo; e <= hi; ++e) {
            const std::size_t n = sizeOf(e);
            coef.push_back((std::uint64_t(limbs.size()) << 8) | n);
            limbs.insert(limbs.end(), acc.begin() + std::ptrdiff_t(std::size_t(e) * w),
                         acc.begin() + std::ptrdiff_t(std::size_t(e) * w + n));
        }
        ref(node, d) = r;
        return r;
    }
};

long double log10l_safe(long double v) {
    return v > 0 ? std::log10(v) : -std::numeric_limits<long double>::infinity();
}

} // namespace

struct TreeCounter::Impl {
    BinaryData data;
    TreeSpace space;
    int depth;
    Structure st;
    // The first pass, in double when every count fits one (fast; fastOnly), else in long
    // double (pass). Sampling and enumeration extend the tables as they go, in long double: the
    // double tables are converted on their first use (most runs never sample).
    CountPass<double> fast;
    bool fastOnly = false;
    CountPass<long double> pass;
    PolyRef rootRef;
    std::vector<long double> counts; // per error 0..n
    std::vector<long double> cumulative;
    int best = 0;
    mpz_class spaceSize;
    long double spaceApprox = 0;

    const BigVector<PolyRef>& firstRefs() const { return fastOnly ? fast.refs : pass.refs; }
    void ensureLongDouble() {
        if (!fastOnly)
            return;
        pass.refs = std::move(fast.refs);
        pass.arena.assign(fast.arena.begin(), fast.arena.end());
        fast = CountPass<double>{};
        fastOnly = false;
    }
    Tree sampleTree(int e, util::Rng& rng) const;
    int sampleRec(int node, int d, int e, util::Rng& rng, Tree& t) const;
};

TreeCounter::TreeCounter(const BinaryData& data, TreeSpace space, int depth,
                         const util::TaskContext& ctx)
    : m(std::make_unique<Impl>()) {
    if (depth < 0 || depth > kMaxTreeDepth)
        throw util::LimitError("tree depth must be in 0.." + std::to_string(kMaxTreeDepth) +
                               " (kMaxTreeDepth)");
    if (data.rows() == 0)
        throw util::Error("tree counting needs at least one training point");
    m->data = data;
    m->space = space;
    m->depth = depth;
    m->st.init(m->data);
    m->pass.st = &m->st;
    m->pass.space = space;
    m->pass.depth = depth;
    m->spaceSize = treeSpaceSize(space, depth, m->data.cols(), m->data.classes());
    if (mpz_sizeinbase(m->spaceSize.get_mpz_t(), 2) < 1000) {
        // Every count fits a double (< 2^1000 < 1.8e308): run the pass in double, whose
        // convolution loop vectorises. Its tables stay in double until sampling needs them
        // (copying them to long double touched megabytes of fresh pages per count).
        CountPass<double>& fast = m->fast;
        fast.st = &m->st;
        fast.space = space;
        fast.depth = depth;
        fast.ctx = &ctx;
        reserveHuge(fast.arena);
        reserveHuge(fast.refs);
        m->rootRef = fast.compute(m->st.root, depth);
        fast.ctx = nullptr;
        m->fastOnly = true;
    } else {
        m->pass.ctx = &ctx;
        m->rootRef = m->pass.compute(m->st.root, depth);
        m->pass.ctx = nullptr;
    }
    const int n = int(m->data.rows());
    if (m->fastOnly) {
        const auto c = m->fast.coefficients(m->rootRef, n);
        m->counts.assign(c.begin(), c.end());
    } else {
        m->counts = m->pass.coefficients(m->rootRef, n);
    }
    m->best = m->rootRef.lo;
    m->cumulative.resize(m->counts.size());
    long double s = 0;
    for (std::size_t e = 0; e < m->counts.size(); ++e)
        m->cumulative[e] = (s += m->counts[e]);
    m->spaceApprox = s;
    ctx.report(1.0, "counted");
}

TreeCounter::~TreeCounter() = default;

const BinaryData& TreeCounter::data() const {
    return m->data;
}
TreeSpace TreeCounter::space() const {
    return m->space;
}
int TreeCounter::depth() const {
    return m->depth;
}
std::size_t TreeCounter::states() const {
    return m->st.in.count();
}
int TreeCounter::bestErrors() const {
    return m->best;
}
const std::vector<long double>& TreeCounter::errorCounts() const {
    return m->counts;
}
mpz_class TreeCounter::spaceSize() const {
    return m->spaceSize;
}
long double TreeCounter::spaceSizeApprox() const {
    return m->spaceApprox;
}

double TreeCounter::log10SetSize(int maxErrors) const {
    if (maxErrors < 0)
        return -std::numeric_limits<double>::infinity();
    const std::size_t e = std::min<std::size_t>(std::size_t(maxErrors), m->cumulative.size() - 1);
    return double(log10l_safe(m->cumulative[e]));
}

double TreeCounter::log10SpaceSize() const {
    // From the exact |F| (mpz_get_d_2exp keeps the exponent of numbers beyond double's range).
    long exp2 = 0;
    const double mant = mpz_get_d_2exp(&exp2, m->spaceSize.get_mpz_t());
    return std::log10(mant) + double(exp2) * std::log10(2.0);
}

std::vector<mpz_class> TreeCounter::exactErrorCounts(int maxErrors,
                                                     const util::TaskContext& ctx) const {
    if (maxErrors < 0)
        return {};
    maxErrors = std::min(maxErrors, int(m->data.rows()));
    LimbPass exact;
    exact.st = &m->st;
    exact.space = m->space;
    exact.depth = m->depth;
    exact.maxErrors = maxErrors;
    exact.ctx = &ctx;
    exact.lowerBounds = &m->firstRefs();
    if (m->fastOnly)
        exact.firstDouble = &m->fast.arena;
    else
        exact.firstLong = &m->pass.arena;
    for (int d = 0; d <= m->depth; ++d) {
        const mpz_class t = treeSpaceSize(m->space, d, m->data.cols(), m->data.classes());
        const std::size_t limbs = mpz_size(t.get_mpz_t()) + 1;
        if (limbs > 255) // the size field of a stored coefficient is 8 bits
            throw util::LimitError("exact counts beyond 16000 bits are not supported");
        exact.width.push_back(limbs);
    }
    reserveHuge(exact.refs);
    reserveHuge(exact.coef);
    reserveHuge(exact.limbs);
    const PolyRef r = exact.compute(m->st.root, m->depth);
    std::vector<mpz_class> out(std::size_t(maxErrors) + 1);
    for (int i = 0; i < r.len; ++i) {
        std::size_t n = 0;
        const mp_limb_t* l = exact.coefLimbs(r.offset + std::size_t(i), n);
        mpz_import(out[std::size_t(r.lo + i)].get_mpz_t(), n, -1, sizeof(mp_limb_t), 0, 0, l);
    }
    return out;
}

mpz_class TreeCounter::exactSetSize(int maxErrors, const util::TaskContext& ctx) const {
    mpz_class s = 0;
    for (const auto& c : exactErrorCounts(maxErrors, ctx))
        s += c;
    return s;
}

// ---- Sampling and enumeration ---------------------------------------------------------------

int TreeCounter::Impl::sampleRec(int node, int d, int e, util::Rng& rng, Tree& t) const {
    const int sz = st.in.size[std::size_t(node)];
    const int C = st.in.classes;
    // Total weight of the options: leaves with e errors, splits with e = ea + eb.
    auto& self = const_cast<Impl&>(*this);
    self.ensureLongDouble();
    self.pass.ensureChildren(node, d);
    long double total = pass.at(self.pass.ref(node, d), e);
    long double u = (long double)(rng.uniform01()) * total;
    const int idx = int(t.nodes.size());
    t.nodes.push_back({});
    int lastLeaf = -1;
    if (space == TreeSpace::MaxDepth || d == 0) {
        for (int k = 0; k < C; ++k) {
            if (sz - st.in.classCount[std::size_t(node) * std::size_t(C) + std::size_t(k)] != e)
                continue;
            lastLeaf = k;
            if (u < 1.0L) {
                t.nodes[std::size_t(idx)].label = k;
                return idx;
            }
            u -= 1.0L;
        }
        if (d == 0) {
            if (lastLeaf < 0)
                throw util::Error("internal: no leaf with the requested error");
            t.nodes[std::size_t(idx)].label = lastLeaf;
            return idx;
        }
    }
    const int pb = st.pairBegin[std::size_t(node)], pe = st.pairEnd[std::size_t(node)];
    int lastPair = -1, lastA = -1;
    for (int pi = pb; pi < pe; ++pi) {
        const SplitPair sp = st.pairs[std::size_t(pi)];
        const PolyRef ra = self.pass.ref(sp.a, d - 1), rb = self.pass.ref(sp.b, d - 1);
        for (int i = 0; i < ra.len; ++i) {
            const int ea = ra.lo + i, eb = e - ea;
            const long double w =
                pass.arena[ra.offset + std::size_t(i)] * pass.at(rb, eb) * (long double)sp.count;
            if (w <= 0)
                continue;
            lastPair = pi;
            lastA = ea;
            if (u < w)
                goto chosen;
            u -= w;
        }
    }
    // Rounding left u just above the last option: take it.
    if (lastPair < 0) {
        if (lastLeaf < 0)
            throw util::Error("internal: no tree with the requested error");
        t.nodes[std::size_t(idx)].label = lastLeaf;
        return idx;
    }
chosen : {
    const SplitPair sp = st.pairs[std::size_t(lastPair)];
    const PairFeature pf =
        st.features[std::size_t(sp.featureBegin) + std::size_t(rng.below(std::uint64_t(sp.count)))];
    const int ya = sampleRec(sp.a, d - 1, lastA, rng, t);
    const int yb = sampleRec(sp.b, d - 1, e - lastA, rng, t);
    Tree::Node& nd = t.nodes[std::size_t(idx)];
    nd.feature = pf.feature;
    nd.yes = pf.aIsYes ? ya : yb;
    nd.no = pf.aIsYes ? yb : ya;
    return idx;
}
}

Tree TreeCounter::sample(int maxErrors, util::Rng& rng) const {
    maxErrors = std::min(maxErrors, int(m->data.rows()));
    if (maxErrors < m->best)
        throw util::Error("no tree has at most " + std::to_string(maxErrors) + " errors");
    // Error level first, in proportion to its count, then a uniform tree with that error.
    long double u = (long double)rng.uniform01() * m->cumulative[std::size_t(maxErrors)];
    int e = m->best;
    while (e < maxErrors && u >= m->cumulative[std::size_t(e)])
        ++e;
    while (m->counts[std::size_t(e)] == 0 && e > m->best)
        --e;
    Tree t;
    m->sampleRec(m->st.root, m->depth, e, rng, t);
    return t;
}

namespace {
// All subtrees of (node, d) with exactly e errors, as trees of their own.
struct Enumerator {
    Structure* st;
    CountPass<long double>* pass;
    TreeSpace space;
    const util::TaskContext* ctx;
    std::size_t work = 0;

    static void graft(Tree& into, const Tree& sub, int& childIndex) {
        const int base = int(into.nodes.size());
        childIndex = base;
        for (Tree::Node nd : sub.nodes) {
            if (nd.feature >= 0) {
                nd.yes += base;
                nd.no += base;
            }
            into.nodes.push_back(nd);
        }
    }

    std::vector<Tree> run(int node, int d, int e) {
        std::vector<Tree> out;
        if ((++work & 255) == 0 && ctx)
            ctx->checkCancelled();
        const int sz = st->in.size[std::size_t(node)];
        const int C = st->in.classes;
        if (space == TreeSpace::MaxDepth || d == 0)
            for (int k = 0; k < C; ++k)
                if (sz - st->in.classCount[std::size_t(node) * std::size_t(C) + std::size_t(k)] ==
                    e) {
                    Tree t;
                    t.nodes.push_back({-1, k, -1, -1});
                    out.push_back(std::move(t));
                }
        if (d == 0)
            return out;
        pass->ensureChildren(node, d);
        const int pb = st->pairBegin[std::size_t(node)], pe = st->pairEnd[std::size_t(node)];
        for (int pi = pb; pi < pe; ++pi) {
            const SplitPair sp = st->pairs[std::size_t(pi)];
            const PolyRef ra = pass->ref(sp.a, d - 1), rb = pass->ref(sp.b, d - 1);
            for (int i = 0; i < ra.len; ++i) {
                const int ea = ra.lo + i;
                if (pass->arena[ra.offset + std::size_t(i)] <= 0 || pass->at(rb, e - ea) <= 0)
                    continue;
                const auto ta = run(sp.a, d - 1, ea);
                const auto tb = run(sp.b, d - 1, e - ea);
                for (int f = 0; f < sp.count; ++f) {
                    const PairFeature pf = st->features[std::size_t(sp.featureBegin + f)];
                    for (const Tree& x : ta)
                        for (const Tree& y : tb) {
                            Tree t;
                            t.nodes.push_back({pf.feature, 0, -1, -1});
                            int ix = 0, iy = 0;
                            graft(t, x, ix);
                            graft(t, y, iy);
                            t.nodes[0].yes = pf.aIsYes ? ix : iy;
                            t.nodes[0].no = pf.aIsYes ? iy : ix;
                            out.push_back(std::move(t));
                        }
                }
            }
        }
        return out;
    }
};
} // namespace

std::vector<Tree> TreeCounter::enumerate(int maxErrors, std::size_t limit,
                                         const util::TaskContext& ctx) const {
    maxErrors = std::min(maxErrors, int(m->data.rows()));
    if (maxErrors < m->best)
        return {};
    const mpz_class total = exactSetSize(maxErrors, ctx);
    if (total > mpz_class(static_cast<unsigned long>(limit)))
        throw util::LimitError("the Rashomon set has " + total.get_str() +
                               " trees, more than the enumeration limit of " +
                               std::to_string(limit) + "; sample from it instead or lower theta");
    m->ensureLongDouble();
    Enumerator en{&m->st, &m->pass, m->space, &ctx};
    std::vector<Tree> all;
    for (int e = m->best; e <= maxErrors; ++e) {
        if (m->counts[std::size_t(e)] <= 0)
            continue;
        auto part = en.run(m->st.root, m->depth, e);
        for (auto& t : part)
            all.push_back(std::move(t));
    }
    return all;
}

// ---- Pattern counting ------------------------------------------------------------------------
namespace {
// The distinct prediction vectors of a node's subtrees on its points, held exactly (no hashing
// of vectors into fingerprints): B bit planes of W words, plane b holding the points whose
// predicted label has bit b set and every point outside the node 0. Two subtrees' vectors on the
// disjoint halves of a split combine by OR; a vector restricted to a subset is an AND. Kept
// sorted by errors (finish()) so that products stop at the error cap.
struct PatternSet {
    std::size_t words = 0;
    std::vector<std::uint64_t> bits; // size() * words
    std::vector<int> errors;
    std::vector<std::uint64_t> hashes;
    std::vector<std::int32_t> table; // open addressing on the hash; -1 empty
    std::vector<std::size_t> upto;   // upto[e]: vectors with at most e errors (after finish)

    std::size_t size() const { return errors.size(); }
    const std::uint64_t* at(std::size_t i) const { return &bits[i * words]; }
    std::size_t countUpTo(int e) const {
        if (e < 0 || upto.empty())
            return 0;
        return upto[std::min(std::size_t(e), upto.size() - 1)];
    }
    int find(const std::uint64_t* w, std::uint64_t h) const {
        if (table.empty())
            return -1;
        const std::size_t mask = table.size() - 1;
        for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
            const int id = table[slot];
            if (id < 0)
                return -1;
            if (hashes[std::size_t(id)] == h && std::equal(w, w + words, at(std::size_t(id))))
                return id;
        }
    }
    void rehash(std::size_t slots) {
        table.assign(slots, -1);
        for (std::size_t id = 0; id < size(); ++id) {
            std::size_t slot = hashes[id] & (slots - 1);
            while (table[slot] >= 0)
                slot = (slot + 1) & (slots - 1);
            table[slot] = std::int32_t(id);
        }
    }
    bool insert(const std::uint64_t* w, int err) {
        if (table.empty() || size() * 2 >= table.size())
            rehash(table.empty() ? 64 : table.size() * 2);
        const std::uint64_t h = Interner::hashWords(w, words);
        const std::size_t mask = table.size() - 1;
        std::size_t slot = h & mask;
        for (;; slot = (slot + 1) & mask) {
            const int id = table[slot];
            if (id < 0)
                break;
            if (hashes[std::size_t(id)] == h && std::equal(w, w + words, at(std::size_t(id))))
                return false;
        }
        table[slot] = std::int32_t(size());
        hashes.push_back(h);
        bits.insert(bits.end(), w, w + words);
        errors.push_back(err);
        return true;
    }
    void finish(int cap) {
        std::vector<std::size_t> order(size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return errors[a] < errors[b]; });
        std::vector<std::uint64_t> nb;
        nb.reserve(bits.size());
        std::vector<int> ne;
        std::vector<std::uint64_t> nh;
        ne.reserve(size());
        nh.reserve(size());
        for (std::size_t i : order) {
            nb.insert(nb.end(), at(i), at(i) + words);
            ne.push_back(errors[i]);
            nh.push_back(hashes[i]);
        }
        bits.swap(nb);
        errors.swap(ne);
        hashes.swap(nh);
        rehash(std::bit_ceil(std::max<std::size_t>(64, size() * 2)));
        upto.assign(std::size_t(std::max(cap, 0)) + 1, 0);
        for (int e : errors)
            if (e <= cap)
                ++upto[std::size_t(e)];
        for (std::size_t e = 1; e < upto.size(); ++e)
            upto[e] += upto[e - 1];
    }
};

// Distinct prediction vectors with at most `cap` errors on the training points, over the trees
// of the space (the set itself for cap = best + floor(theta n), all of F for cap = n).
//   pat(S, d) = { constant labels } (max-depth, or d = 0)
//             u  U_j { u | v : u in pat(S & x_j, d-1), v in pat(S \ x_j, d-1) }
// A split's vectors are all distinct (u and v live on disjoint points), but different splits
// and leaves can give the same vector, so each node's vectors are deduplicated; memoised on
// (S, d) like the counts. Error caps are pushed down: a child needs only the vectors that can
// still end within the cap given its sibling's fewest errors (the first pass's lowest error
// level), so the set of a small theta touches few vectors. At the root the union is counted
// without being stored: a vector made by split i counts only if no leaf and no earlier split
// makes it (its restrictions to that split's two sides are both among the children's vectors).
// `limit` bounds the candidate vectors a node examines and the vectors held in all: beyond it
// the count is unknown rather than slow or wrong.
struct PatternPass {
    Structure* st = nullptr;
    TreeSpace space = TreeSpace::MaxDepth;
    int depth = 0;
    std::size_t limit = 0;
    const util::TaskContext* ctx = nullptr;
    const BigVector<PolyRef>* lowerBounds = nullptr;
    std::size_t W = 0, planes = 1, words = 0;
    std::vector<std::unordered_map<int, int>> caps; // per depth: node -> largest errors needed
    std::unordered_map<std::uint64_t, PatternSet> memo;
    std::size_t stored = 0, work = 0;
    std::string overflowWhy;
    struct Overflow {};

    std::uint64_t key(int node, int d) const {
        return std::uint64_t(node) * std::uint64_t(depth + 1) + std::uint64_t(d);
    }
    int classCount(int node, int k) const {
        return st->in.classCount[std::size_t(node) * std::size_t(st->in.classes) + std::size_t(k)];
    }
    int leafMinErrors(int node) const {
        int m = 0;
        for (int k = 0; k < st->in.classes; ++k)
            m = std::max(m, classCount(node, k));
        return st->in.size[std::size_t(node)] - m;
    }
    // The fewest errors of a subtree of (node, d): from the first pass where it ran.
    int minErrors(int node, int d) const {
        const std::size_t i = std::size_t(key(node, d));
        if (lowerBounds && i < lowerBounds->size() && (*lowerBounds)[i].len > 0)
            return (*lowerBounds)[i].lo;
        return d == 0 ? leafMinErrors(node) : 0;
    }
    void poll() {
        if ((++work & 1023) == 0 && ctx)
            ctx->checkCancelled();
    }
    void overflow(const std::string& why) {
        overflowWhy = why;
        throw Overflow{};
    }
    // The constant vector `label` on the points of mask (W words) into out (planes * W words).
    void constant(const std::uint64_t* mask, int label, std::uint64_t* out) const {
        for (std::size_t b = 0; b < planes; ++b)
            for (std::size_t w = 0; w < W; ++w)
                out[b * W + w] = (label >> b) & 1 ? mask[w] : 0;
    }

    void pushCaps(int rootCap) {
        caps.assign(std::size_t(depth) + 1, {});
        caps[std::size_t(depth)][st->root] = rootCap;
        for (int d = depth; d >= 2; --d) {
            auto& below = caps[std::size_t(d - 1)];
            for (const auto& nc : caps[std::size_t(d)]) {
                const int node = nc.first, cap = nc.second;
                poll();
                st->expand(node);
                for (int pi = st->pairBegin[std::size_t(node)]; pi < st->pairEnd[std::size_t(node)];
                     ++pi) {
                    const SplitPair sp = st->pairs[std::size_t(pi)];
                    const int la = minErrors(sp.a, d - 1), lb = minErrors(sp.b, d - 1);
                    if (la + lb > cap)
                        continue;
                    for (const auto& [child, c] : {std::pair{sp.a, cap - lb}, {sp.b, cap - la}}) {
                        auto it = below.find(child);
                        if (it == below.end())
                            below.emplace(child, c);
                        else
                            it->second = std::max(it->second, c);
                    }
                }
            }
        }
    }

    // The live split pairs of (node, d) under cap, with their children's vector sets. The
    // candidate vectors of their products (each product's vectors are distinct) are checked
    // against the limit pair by pair, so an impossible node gives up after its first children.
    struct Live {
        int a, b;
        const PatternSet* A;
        const PatternSet* B;
    };
    std::vector<Live> livePairs(int node, int d, int cap) {
        std::vector<Live> live;
        st->expand(node);
        const int pb = st->pairBegin[std::size_t(node)], pe = st->pairEnd[std::size_t(node)];
        std::size_t total = 0;
        for (int pi = pb; pi < pe; ++pi) {
            const SplitPair sp = st->pairs[std::size_t(pi)];
            if (minErrors(sp.a, d - 1) + minErrors(sp.b, d - 1) > cap)
                continue;
            const PatternSet* A = &compute(sp.a, d - 1);
            const PatternSet* B = &compute(sp.b, d - 1);
            live.push_back({sp.a, sp.b, A, B});
            const int minB = B->size() ? B->errors[0] : 0;
            for (std::size_t i = 0; i < A->size() && A->errors[i] + minB <= cap; ++i)
                total += B->countUpTo(cap - A->errors[i]);
            checkCandidates(total);
        }
        return live;
    }
    void checkCandidates(std::size_t c) {
        if (c > limit)
            overflow("too many patterns: a node of the tree space makes at least " +
                     std::to_string(c) +
                     " candidate prediction vectors, more than the pattern limit of " +
                     std::to_string(limit) + "; raise --pattern-limit");
    }

    const PatternSet& compute(int node, int d) {
        const std::uint64_t k = key(node, d);
        if (auto it = memo.find(k); it != memo.end())
            return it->second;
        poll();
        const auto capIt = caps[std::size_t(d)].find(node);
        const int cap =
            capIt == caps[std::size_t(d)].end() ? st->in.size[std::size_t(node)] : capIt->second;
        PatternSet s;
        s.words = words;
        std::vector<std::uint64_t> buf(words);
        const int sz = st->in.size[std::size_t(node)];
        const std::uint64_t* S = st->in.key(node);
        const int C = st->in.classes;
        if (space == TreeSpace::MaxDepth || d == 0)
            for (int c = 0; c < C; ++c)
                if (sz - classCount(node, c) <= cap) {
                    constant(S, c, buf.data());
                    s.insert(buf.data(), sz - classCount(node, c));
                }
        if (d == 1) {
            // Children are leaves: a constant label on each side of every feature.
            std::vector<std::uint64_t> s1(W), s0(W), v1(words), v0(words);
            std::vector<int> c1(static_cast<std::size_t>(C));
            checkCandidates(st->p * std::size_t(C) * std::size_t(C));
            for (std::size_t j = 0; j < st->p; ++j) {
                int n1 = 0;
                for (std::size_t w = 0; w < W; ++w) {
                    s1[w] = S[w] & st->col[j][w];
                    s0[w] = S[w] & ~st->col[j][w];
                }
                for (int c = 0; c < C; ++c) {
                    c1[std::size_t(c)] =
                        popcount3(S, st->col[j].data(), st->in.classMask[std::size_t(c)].data(), W);
                    n1 += c1[std::size_t(c)];
                }
                const int n0 = sz - n1;
                for (int k1 = 0; k1 < C; ++k1)
                    for (int k0 = 0; k0 < C; ++k0) {
                        const int e = n1 - c1[std::size_t(k1)] + n0 -
                                      (classCount(node, k0) - c1[std::size_t(k0)]);
                        if (e > cap)
                            continue;
                        constant(s1.data(), k1, v1.data());
                        constant(s0.data(), k0, v0.data());
                        for (std::size_t w = 0; w < words; ++w)
                            buf[w] = v1[w] | v0[w];
                        s.insert(buf.data(), e);
                    }
            }
        } else if (d >= 2) {
            const auto live = livePairs(node, d, cap);
            for (const Live& l : live)
                product(l, cap, [&](const std::uint64_t* w, int e) { s.insert(w, e); });
        }
        s.finish(cap);
        stored += s.size();
        if (stored > limit)
            overflow("too many patterns: the nodes of the tree space hold more than " +
                     std::to_string(limit) +
                     " prediction vectors in all (the pattern limit); raise --pattern-limit");
        return memo.emplace(k, std::move(s)).first->second;
    }

    // Calls f(vector, errors) for every u | v of a live pair within cap.
    template <class F> void product(const Live& l, int cap, F&& f) {
        std::vector<std::uint64_t> buf(words);
        const int minB = l.B->size() ? l.B->errors[0] : 0;
        for (std::size_t i = 0; i < l.A->size() && l.A->errors[i] + minB <= cap; ++i) {
            const std::uint64_t* u = l.A->at(i);
            const int eu = l.A->errors[i];
            const std::size_t nv = l.B->countUpTo(cap - eu);
            poll();
            for (std::size_t j = 0; j < nv; ++j) {
                const std::uint64_t* v = l.B->at(j);
                for (std::size_t w = 0; w < words; ++w)
                    buf[w] = u[w] | v[w];
                f(buf.data(), eu + l.B->errors[j]);
            }
        }
    }

    // |pat(root, depth)| under cap without storing the root's vectors.
    std::uint64_t countRoot(int cap) {
        const int root = st->root;
        if (depth < 2)
            return compute(root, depth).size();
        const int sz = st->in.size[std::size_t(root)];
        const std::uint64_t* S = st->in.key(root);
        std::uint64_t count = 0;
        const bool leaves = space == TreeSpace::MaxDepth;
        if (leaves)
            for (int c = 0; c < st->in.classes; ++c)
                count += sz - classCount(root, c) <= cap;
        const auto live = livePairs(root, depth, cap);
        std::vector<std::uint64_t> r(words);
        for (std::size_t i = 0; i < live.size(); ++i) {
            product(live[i], cap, [&](const std::uint64_t* w, int) {
                if (leaves) {
                    // A constant vector is a leaf's, counted above.
                    bool constantVector = true;
                    for (std::size_t b = 0; b < planes && constantVector; ++b) {
                        bool all = true, none = true;
                        for (std::size_t x = 0; x < W; ++x) {
                            all = all && w[b * W + x] == S[x];
                            none = none && w[b * W + x] == 0;
                        }
                        constantVector = all || none;
                    }
                    if (constantVector)
                        return;
                }
                for (std::size_t e = 0; e < i; ++e) {
                    bool both = true;
                    for (const auto& [child, set] :
                         {std::pair{live[e].a, live[e].A}, {live[e].b, live[e].B}}) {
                        const std::uint64_t* m = st->in.key(child);
                        for (std::size_t b = 0; b < planes; ++b)
                            for (std::size_t x = 0; x < W; ++x)
                                r[b * W + x] = w[b * W + x] & m[x];
                        if (set->find(r.data(), Interner::hashWords(r.data(), words)) < 0) {
                            both = false;
                            break;
                        }
                    }
                    if (both)
                        return; // an earlier split makes it
                }
                ++count;
            });
        }
        return count;
    }
};
} // namespace

TreeCounter::PatternCounts TreeCounter::patternCounts(int maxErrors, std::size_t limit,
                                                      const util::TaskContext& ctx) const {
    PatternCounts out;
    auto count = [&](int cap) -> std::optional<std::uint64_t> {
        PatternPass pp;
        pp.st = &m->st;
        pp.space = m->space;
        pp.depth = m->depth;
        pp.limit = limit;
        pp.ctx = &ctx;
        pp.lowerBounds = &m->firstRefs();
        pp.W = m->st.in.W;
        pp.planes = std::max<std::size_t>(
            1, std::size_t(std::bit_width(unsigned(std::max(1, m->data.classes() - 1)))));
        pp.words = pp.W * pp.planes;
        try {
            pp.pushCaps(cap);
            return pp.countRoot(cap);
        } catch (const PatternPass::Overflow&) {
            out.note = pp.overflowWhy;
            return std::nullopt;
        }
    };
    const int n = int(m->data.rows());
    out.inSet = count(std::min(maxErrors, n));
    out.inSpace = count(n);
    return out;
}

// ---- Penalised objective ---------------------------------------------------------------------
namespace {
// Count of trees by (errors, leaves) with errors <= E and leaves <= L, dense (E+1) x (L+1).
struct PenalisedPass {
    Structure* st;
    TreeSpace space;
    int depth;
    int E, L;
    double n, lambda, bound;
    const util::TaskContext* ctx;
    std::unordered_map<std::uint64_t, std::vector<mpz_class>> memo;
    std::unordered_map<std::uint64_t, double> bestMemo;
    std::size_t calls = 0;

    double best(int node, int d) {
        const std::uint64_t k = std::uint64_t(node) * std::uint64_t(depth + 1) + std::uint64_t(d);
        auto it = bestMemo.find(k);
        if (it != bestMemo.end())
            return it->second;
        if ((++calls & 63) == 0 && ctx)
            ctx->checkCancelled();
        double b = std::numeric_limits<double>::infinity();
        const int C = st->in.classes;
        if (space == TreeSpace::MaxDepth || d == 0) {
            int maxc = 0;
            for (int c = 0; c < C; ++c)
                maxc = std::max(
                    maxc, st->in.classCount[std::size_t(node) * std::size_t(C) + std::size_t(c)]);
            b = double(st->in.size[std::size_t(node)] - maxc) / n + lambda;
        }
        if (d > 0) {
            st->expand(node);
            for (int pi = st->pairBegin[std::size_t(node)]; pi < st->pairEnd[std::size_t(node)];
                 ++pi) {
                const SplitPair sp = st->pairs[std::size_t(pi)];
                b = std::min(b, best(sp.a, d - 1) + best(sp.b, d - 1));
            }
        }
        bestMemo[k] = b;
        return b;
    }

    // Dense table index e * (L + 1) + l.
    const std::vector<mpz_class>& count(int node, int d) {
        const std::uint64_t k = std::uint64_t(node) * std::uint64_t(depth + 1) + std::uint64_t(d);
        auto it = memo.find(k);
        if (it != memo.end())
            return it->second;
        if ((++calls & 63) == 0 && ctx)
            ctx->checkCancelled();
        std::vector<mpz_class> t(std::size_t((E + 1) * (L + 1)));
        const int C = st->in.classes;
        const int sz = st->in.size[std::size_t(node)];
        if (space == TreeSpace::MaxDepth || d == 0)
            for (int c = 0; c < C; ++c) {
                const int e =
                    sz - st->in.classCount[std::size_t(node) * std::size_t(C) + std::size_t(c)];
                if (e <= E && L >= 1)
                    t[std::size_t(e * (L + 1) + 1)] += 1;
            }
        if (d > 0) {
            st->expand(node);
            for (int pi = st->pairBegin[std::size_t(node)]; pi < st->pairEnd[std::size_t(node)];
                 ++pi) {
                const SplitPair sp = st->pairs[std::size_t(pi)];
                // Prune: this split cannot reach the bound.
                if (best(sp.a, d - 1) + best(sp.b, d - 1) > bound + 1e-12)
                    continue;
                const auto& ta = count(sp.a, d - 1); // unordered_map values do not move
                const auto& tb = count(sp.b, d - 1);
                for (int ea = 0; ea <= E; ++ea)
                    for (int la = 1; la <= L; ++la) {
                        const mpz_class& x = ta[std::size_t(ea * (L + 1) + la)];
                        if (x == 0)
                            continue;
                        for (int eb = 0; ea + eb <= E; ++eb)
                            for (int lb = 1; la + lb <= L; ++lb) {
                                const mpz_class& y = tb[std::size_t(eb * (L + 1) + lb)];
                                if (y == 0)
                                    continue;
                                mpz_class prod = x * y;
                                mpz_addmul_ui(
                                    t[std::size_t((ea + eb) * (L + 1) + la + lb)].get_mpz_t(),
                                    prod.get_mpz_t(), static_cast<unsigned long>(sp.count));
                            }
                    }
            }
        }
        return memo[k] = std::move(t);
    }
};
} // namespace

PenalisedCount countPenalised(const BinaryData& data, TreeSpace space, int depth, double lambda,
                              double eps, bool multiplicative, const util::TaskContext& ctx) {
    if (!(lambda > 0) || !(eps >= 0) || !std::isfinite(lambda) || !std::isfinite(eps))
        throw util::Error("the penalised objective needs lambda > 0 and eps >= 0");
    if (depth < 0 || depth > kMaxTreeDepth)
        throw util::LimitError("tree depth must be in 0.." + std::to_string(kMaxTreeDepth));
    if (data.rows() == 0)
        throw util::Error("tree counting needs at least one training point");
    Structure st;
    st.init(data);
    PenalisedPass pp{&st, space, depth, 0, 0, double(data.rows()), lambda, 0, &ctx, {}, {}, 0};
    PenalisedCount out;
    out.bestObjective = pp.best(st.root, depth);
    out.bound = multiplicative ? (1 + eps) * out.bestObjective : out.bestObjective + eps;
    pp.bound = out.bound;
    const double slack = 1e-9;
    pp.E = std::min(int(data.rows()), int(std::floor(out.bound * pp.n + slack)));
    pp.L = std::min(1 << depth, int(std::floor(out.bound / lambda + slack)));
    if (std::size_t(pp.E + 1) * std::size_t(pp.L + 1) > 200000)
        throw util::LimitError("the penalised count's table (errors x leaves) exceeds 200000 "
                               "cells; raise lambda or lower eps");
    const auto& t = pp.count(st.root, depth);
    for (int e = 0; e <= pp.E; ++e)
        for (int l = 1; l <= pp.L; ++l)
            if (double(e) / pp.n + lambda * l <= out.bound + slack)
                out.exactSetSize += t[std::size_t(e * (pp.L + 1) + l)];
    out.setSize = (long double)out.exactSetSize.get_d();
    long exp2 = 0;
    const mpz_class F = treeSpaceSize(space, depth, data.cols(), data.classes());
    const double mant = mpz_get_d_2exp(&exp2, F.get_mpz_t());
    out.spaceSize = std::ldexp((long double)mant, int(exp2));
    return out;
}

} // namespace algoscope::rashomon
