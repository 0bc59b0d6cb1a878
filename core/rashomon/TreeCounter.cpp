// [SECTIONS] node interning (point sets as bitsets) | split pairs | counting passes (long double
// and GMP, one template) | sampling and enumeration | pattern counting | penalised objective.
#include "rashomon/TreeCounter.h"

#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace algoscope::rashomon {

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

// Bits set in a & b & c over W words. The default x86-64 target has no POPCNT instruction (the
// compiler calls a table-driven libgcc routine); the clone with it is picked at load time.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
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
    std::vector<std::uint64_t> keys; // id * W
    std::vector<int> size;
    std::vector<int> classCount; // id * classes
    std::vector<std::int32_t> table;
    std::vector<std::uint64_t> hashes; // per id, checked before comparing the words
    std::vector<std::vector<std::uint64_t>> classMask;
    std::uint64_t mask = 0;

    static std::uint64_t hashWords(const std::uint64_t* w, std::size_t W) {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL;
        for (std::size_t i = 0; i < W; ++i) {
            h ^= w[i] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
            h *= 0xff51afd7ed558ccdULL;
        }
        return h ^ (h >> 29);
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
            if (hashes[std::size_t(id)] == h &&
                std::equal(w, w + W, keys.begin() + std::ptrdiff_t(std::size_t(id) * W)))
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
    std::vector<int> pairBegin, pairEnd;         // per node, -1 until expanded
    std::vector<SplitPair> pairs;
    std::vector<PairFeature> features;
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
    }

    void expand(int node) {
        if (std::size_t(node) < pairBegin.size() && pairBegin[std::size_t(node)] >= 0)
            return;
        const std::size_t W = in.W;
        std::vector<std::uint64_t> s(in.key(node), in.key(node) + W), s1(W), s0(W);
        struct Raw {
            int a, b, feature;
            bool aIsYes;
        };
        std::vector<Raw> raw;
        raw.reserve(p);
        for (std::size_t j = 0; j < p; ++j) {
            for (std::size_t w = 0; w < W; ++w) {
                s1[w] = s[w] & col[j][w];
                s0[w] = s[w] & ~col[j][w];
            }
            const int yes = in.intern(s1.data());
            const int no = in.intern(s0.data());
            if (yes <= no)
                raw.push_back({yes, no, int(j), true});
            else
                raw.push_back({no, yes, int(j), false});
        }
        std::stable_sort(raw.begin(), raw.end(), [](const Raw& x, const Raw& y) {
            return x.a != y.a ? x.a < y.a : x.b < y.b;
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
// widest vectors the CPU has (the default x86-64 target stops at SSE2).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
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

template <class T> struct CountPass {
    Structure* st = nullptr;
    TreeSpace space = TreeSpace::MaxDepth;
    int depth = 0;
    int maxErrors = std::numeric_limits<int>::max(); // truncation
    const util::TaskContext* ctx = nullptr;
    std::vector<T> arena;
    std::vector<std::vector<T>> scratch; // per depth
    std::vector<PolyRef> refs;           // node * (depth + 1) + d
    std::size_t calls = 0;
    // Optional: the refs of a complete earlier pass, whose lo is the fewest errors of (node, d).
    const std::vector<PolyRef>* lowerBounds = nullptr;

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
            refs.resize(std::max(i + 1, refs.size() * 2 + 64));
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
            std::vector<int> c1(static_cast<std::size_t>(C), 0);
            // At most p * C^2 + C trees: plain integers, added to acc once at the end.
            std::vector<std::uint64_t> small(static_cast<std::size_t>(top) + 1, 0);
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
            for (int pi = pb; pi < pe; ++pi) {
                const SplitPair sp = st->pairs[std::size_t(pi)];
                // Exact pass: the long-double pass's lowest errors bound this pair from below.
                if (lowerBounds && lowerBound(sp.a, d - 1) + lowerBound(sp.b, d - 1) > top)
                    continue;
                const PolyRef ra = compute(sp.a, d - 1);
                const PolyRef rb = compute(sp.b, d - 1);
                if (ra.len <= 0 || rb.len <= 0)
                    continue;
                if constexpr (std::is_same_v<T, double>) {
                    const int base = ra.lo + rb.lo;
                    if (base <= top)
                        convolveInto(acc.data() + base, top - base + 1, arena.data() + ra.offset,
                                     ra.len, arena.data() + rb.offset, rb.len, double(sp.count));
                    if (d == depth && node == st->root && ctx)
                        ctx->report(double(pi - pb + 1) / double(pe - pb), "counting trees");
                    continue;
                }
                for (int i = 0; i < ra.len; ++i) {
                    const int ea = ra.lo + i;
                    if (ea + rb.lo > top)
                        break;
                    const int jmax = std::min(rb.len - 1, top - ea - rb.lo);
                    T* out = acc.data() + (ea + rb.lo);
                    const T* yb = arena.data() + rb.offset;
                    if constexpr (std::is_floating_point_v<T>) {
                        axpy(out, yb, arena[ra.offset + std::size_t(i)] * T(sp.count), jmax + 1);
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
    const std::vector<PolyRef>* lowerBounds = nullptr;
    const std::vector<long double>* firstArena = nullptr; // the first pass's coefficients
    std::vector<std::size_t> width;                       // limbs per accumulator, per depth
    std::vector<mp_limb_t> limbs;                         // all stored coefficients
    std::vector<std::uint64_t> coef;                      // per coefficient: offset << 8 | size
    std::vector<PolyRef> refs;                            // offset indexes coef
    std::vector<std::vector<mp_limb_t>> scratch;          // per depth: (top + 1) * width
    std::vector<mp_limb_t> tmp;
    std::size_t calls = 0;

    PolyRef& ref(int node, int d) {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (refs.size() <= i)
            refs.resize(std::max(i + 1, refs.size() * 2 + 64));
        return refs[i];
    }
    int lowerBound(int node, int d) const {
        const std::size_t i = std::size_t(node) * std::size_t(depth + 1) + std::size_t(d);
        if (i >= lowerBounds->size() || (*lowerBounds)[i].len < 0)
            return 0;
        return (*lowerBounds)[i].len == 0 ? std::numeric_limits<int>::max() / 4
                                          : (*lowerBounds)[i].lo;
    }
    const mp_limb_t* coefLimbs(std::size_t c, std::size_t& size) const {
        size = std::size_t(coef[c] & 0xff);
        return limbs.data() + (coef[c] >> 8);
    }
    // acc (w limbs) += a * b * mult.
    void addProduct(mp_limb_t* acc, std::size_t w, const mp_limb_t* a, std::size_t na,
                    const mp_limb_t* b, std::size_t nb, mp_limb_t mult) {
        if (na == 1 && nb == 1) {
            const unsigned __int128 p = (unsigned __int128)a[0] * b[0];
            mp_limb_t lo = mp_limb_t(p), hi = mp_limb_t(p >> 64), top = 0;
            if (mult != 1) {
                const unsigned __int128 l = (unsigned __int128)lo * mult;
                const unsigned __int128 h = (unsigned __int128)hi * mult + (l >> 64);
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
                    small = (*firstArena)[fr.offset + std::size_t(e - fr.lo)] < 9007199254740992.0L;
                if (small) {
                    PolyRef r;
                    r.lo = fr.lo;
                    r.len = std::max(0, last - fr.lo + 1);
                    r.offset = coef.size();
                    for (int e = fr.lo; e <= last; ++e) {
                        const auto v = mp_limb_t((*firstArena)[fr.offset + std::size_t(e - fr.lo)]);
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
            std::vector<int> c1(static_cast<std::size_t>(C), 0);
            std::vector<std::uint64_t> small(static_cast<std::size_t>(top) + 1, 0);
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
    CountPass<long double> pass;
    PolyRef rootRef;
    std::vector<long double> counts; // per error 0..n
    std::vector<long double> cumulative;
    int best = 0;
    mpz_class spaceSize;
    long double spaceApprox = 0;

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
        // convolution loop vectorises, and keep a long double copy for the rest.
        CountPass<double> fast;
        fast.st = &m->st;
        fast.space = space;
        fast.depth = depth;
        fast.ctx = &ctx;
        const PolyRef r = fast.compute(m->st.root, depth);
        m->pass.refs = std::move(fast.refs);
        m->pass.arena.assign(fast.arena.begin(), fast.arena.end());
        m->rootRef = r;
    } else {
        m->pass.ctx = &ctx;
        m->rootRef = m->pass.compute(m->st.root, depth);
        m->pass.ctx = nullptr;
    }
    const int n = int(m->data.rows());
    m->counts = m->pass.coefficients(m->rootRef, n);
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
    exact.lowerBounds = &m->pass.refs;
    exact.firstArena = &m->pass.arena;
    for (int d = 0; d <= m->depth; ++d) {
        const mpz_class t = treeSpaceSize(m->space, d, m->data.cols(), m->data.classes());
        const std::size_t limbs = mpz_size(t.get_mpz_t()) + 1;
        if (limbs > 255) // the size field of a stored coefficient is 8 bits
            throw util::LimitError("exact counts beyond 16000 bits are not supported");
        exact.width.push_back(limbs);
    }
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
struct Pattern {
    std::uint64_t h1, h2;
    int errors;
};
struct PatternHash {
    std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const {
        return std::size_t(p.first ^ (p.second * 0x9e3779b97f4a7c15ULL));
    }
};

struct PatternPass {
    Structure* st;
    const BinaryData* data;
    TreeSpace space;
    int depth;
    int maxErrors;
    std::size_t limit;
    const util::TaskContext* ctx;
    // Random 128-bit key per (point, label): a prediction vector's hash is the XOR over points
    // of key(point, predicted label), so the hash of a split is the XOR of its halves'.
    std::vector<std::uint64_t> key1, key2;
    std::unordered_map<std::uint64_t, std::vector<Pattern>> memo; // node * (depth+1) + d
    std::size_t stored = 0;
    bool overflow = false;

    const std::vector<Pattern>* run(int node, int d) {
        const std::uint64_t k = std::uint64_t(node) * std::uint64_t(depth + 1) + std::uint64_t(d);
        auto it = memo.find(k);
        if (it != memo.end())
            return &it->second;
        if (ctx)
            ctx->checkCancelled();
        const int C = data->classes();
        std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, int, PatternHash> set;
        auto add = [&](std::uint64_t a, std::uint64_t b, int err) {
            if (err <= maxErrors)
                set.emplace(std::make_pair(a, b), err);
        };
        if (space == TreeSpace::MaxDepth || d == 0) {
            const std::uint64_t* w = st->in.key(node);
            for (int c = 0; c < C; ++c) {
                std::uint64_t a = 0, b = 0;
                for (std::size_t wi = 0; wi < st->in.W; ++wi) {
                    std::uint64_t bits = w[wi];
                    while (bits) {
                        const std::size_t i = wi * 64 + std::size_t(std::countr_zero(bits));
                        bits &= bits - 1;
                        a ^= key1[i * std::size_t(C) + std::size_t(c)];
                        b ^= key2[i * std::size_t(C) + std::size_t(c)];
                    }
                }
                add(a, b,
                    st->in.size[std::size_t(node)] -
                        st->in.classCount[std::size_t(node) * std::size_t(C) + std::size_t(c)]);
            }
        }
        if (d > 0) {
            st->expand(node);
            const int pb = st->pairBegin[std::size_t(node)], pe = st->pairEnd[std::size_t(node)];
            for (int pi = pb; pi < pe && !overflow; ++pi) {
                const SplitPair sp = st->pairs[std::size_t(pi)];
                const auto* pa = run(sp.a, d - 1);
                const auto* pbv = run(sp.b, d - 1);
                if (!pa || !pbv)
                    return nullptr;
                for (const Pattern& x : *pa) {
                    for (const Pattern& y : *pbv)
                        add(x.h1 ^ y.h1, x.h2 ^ y.h2, x.errors + y.errors);
                    if (set.size() > limit) {
                        overflow = true;
                        return nullptr;
                    }
                }
            }
        }
        if (overflow)
            return nullptr;
        std::vector<Pattern> v;
        v.reserve(set.size());
        for (const auto& [h, err] : set)
            v.push_back({h.first, h.second, err});
        stored += v.size();
        if (stored > limit * 8) {
            overflow = true;
            return nullptr;
        }
        return &(memo[k] = std::move(v));
    }
};
} // namespace

TreeCounter::PatternCounts TreeCounter::patternCounts(int maxErrors, std::size_t limit,
                                                      const util::TaskContext& ctx) const {
    PatternCounts out;
    auto count = [&](int cap) -> std::optional<std::uint64_t> {
        PatternPass pp{&m->st, &m->data, m->space, m->depth, cap, limit,
                       &ctx,   {},       {},       {},       0,   false};
        util::Rng rng(0x5eed);
        const std::size_t keys = m->data.rows() * std::size_t(m->data.classes());
        for (std::size_t i = 0; i < keys; ++i) {
            pp.key1.push_back(rng.nextU64());
            pp.key2.push_back(rng.nextU64());
        }
        const auto* v = pp.run(m->st.root, m->depth);
        if (!v)
            return std::nullopt;
        return std::uint64_t(v->size());
    };
    out.inSet = count(std::min(maxErrors, int(m->data.rows())));
    out.inSpace = count(int(m->data.rows()));
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
