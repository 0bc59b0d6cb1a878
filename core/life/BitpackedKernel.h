// The bit-sliced Life kernel, written once as templates over a "vector of 64-bit words" type V
// and compiled three times: BitpackedKernelScalar.cpp (V = one uint64_t), BitpackedKernelAvx2.cpp
// (V = __m256i, 4 words) and BitpackedKernelAvx512.cpp (V = __m512i, 8 words), each inside its
// own target region so the compiler may use those instructions there and only there.
// No include guard and an anonymous namespace ON PURPOSE: every including TU gets its own copy
// compiled for its own instruction set (sharing one definition across TUs compiled for different
// CPUs would let the linker pick the AVX-512 copy for everyone).
//
// [SECTION] Idea
// One bit per cell, so a 64-bit (or 512-bit) logical instruction updates 64 (or 512) cells at
// once ("bit-sliced" arithmetic, as in Fujita, Nakano & Ito's 2016 bit-parallel Life, 64 cells
// per word; the full-adder formulation is the classic one of bitboard Life programs).
//   1. Horizontal sums. For every row, L and R are the row shifted one cell right and left
//      (cell x sees x-1 and x+1; bits cross word boundaries with a funnel shift that takes the
//      neighbour word's edge bit, and the ghost bits of BitpackedLayout.h supply the torus wrap
//      or the dead border). H = L + C + R is a 2-bit number per cell, computed by one full
//      adder: h0 = L ^ C ^ R, h1 = majority(L, C, R).
//   2. Each row's H is used by three output rows (y-1, y, y+1), so it is computed once: the
//      kernel walks down a vector-wide column strip keeping H of rows y-1, y, y+1 and the cells
//      of row y in registers, so an output vector costs three loads (the row below and its two
//      neighbour words), one store and no scratch traffic (1.5x faster than keeping H in a ring
//      of scratch rows, measured).
//   3. Vertical sum. S9 = H(y-1) + H(y) + H(y+1) (0..9: the 3x3 block INCLUDING the cell itself)
//      by two full adders and two half adders into bits s3 s2 s1 s0 (8 logic operations).
//      Counting the cell itself is what lets H(y) be reused for row y; the rule is rewritten in
//      terms of S9: a live cell survives when S9 - 1 is in S, a dead one is born when S9 is in B.
//   4. The rule. next = f(self, s3, s2, s1, s0), a 5-input boolean function. Since S9 <= 9, s3
//      implies s2 = s1 = 0, so f = s3 ? g(s0, self) : (self ? A(s2,s1,s0) : Bf(s2,s1,s0)):
//      FIVE 3-input functions. AVX-512's vpternlogq evaluates any 3-input boolean function in
//      one instruction, given its truth table as an 8-bit immediate: for rules known at compile
//      time (Life, HighLife, Seeds, Day & Night) the immediates are computed by constexpr code
//      from the rule masks, and a whole cell update costs about 17 vector instructions per 512
//      cells. Any other rule runs a multiplexer tree whose leaves are the rule's truth table in
//      broadcast registers (19 bitwise selects instead of 5).
//   5. Full adders on AVX-512 are two vpternlogq (xor3 = 0x96, majority = 0xE8); the funnel
//      shifts are VBMI2's vpshldq/vpshrdq (one instruction each instead of shift, shift, or).
//   6. The population is counted when asked (last generation of a step) right after a band's
//      rows are written, while they are still in cache, instead of re-reading the board.
//   Temporal blocking (several generations per pass over cache-sized bands) lives in the
//   engine: BitpackedEngine.cpp, passShape.
//
// [SECTION] Vector types (each TU defines V before including this file)
//   static V load(const uint64_t*)      aligned load     static V loadu(const uint64_t*)
//   static void store(uint64_t*, V)
//   static V shiftInLeft(V c, V prev)   (c << 1) | (prev >> 63)   per 64-bit lane
//   static V shiftInRight(V c, V next)  (c >> 1) | (next << 63)
//   template <int Imm> static V tern(V a, V b, V c)   bit i = Imm bit (a<<2 | b<<1 | c)
//   static V mux(V s, V a, V b)         s ? a : b
//   static V bxor(V a, V b), band(V a, V b)
//   static V ones(), zero()
//   static std::uint64_t popcount(V)
//   static constexpr std::size_t kWords
//
// [SECTION] Rule evaluation: FixedRule<Birth, Survival>, RuntimeRule
// [SECTION] Row kernel: stepBandImpl

namespace {

// Truth table of a 3-input function for vpternlogq: bit (a<<2 | b<<1 | c) of the immediate.
template <class F> constexpr int ternTable(F f) {
    int imm = 0;
    for (int i = 0; i < 8; ++i)
        if (f((i >> 2) & 1, (i >> 1) & 1, i & 1))
            imm |= 1 << i;
    return imm;
}

// vpternlogq for types without it (uint64_t, __m256i with GCC/Clang vector operators): the
// three common functions written out, any other as a sum of its minterms (or the complement of
// the sum of its zeros when that is shorter); the compiler folds the constant parts.
template <int Imm, class T> inline T ternEmulate(T a, T b, T c) {
    if constexpr (Imm == 0x96) {
        return a ^ b ^ c;
    } else if constexpr (Imm == 0xE8) {
        const T x = a ^ b;
        return (a & b) | (x & c);
    } else if constexpr (Imm == 0xCA) {
        return c ^ ((b ^ c) & a);
    } else {
        constexpr int ones = __builtin_popcount(unsigned(Imm) & 0xFFu);
        constexpr bool complement = ones > 4;
        constexpr int table = complement ? (~Imm & 0xFF) : Imm;
        T r = a ^ a; // zero
        if constexpr (table & 0x01)
            r |= ~a & ~b & ~c;
        if constexpr (table & 0x02)
            r |= ~a & ~b & c;
        if constexpr (table & 0x04)
            r |= ~a & b & ~c;
        if constexpr (table & 0x08)
            r |= ~a & b & c;
        if constexpr (table & 0x10)
            r |= a & ~b & ~c;
        if constexpr (table & 0x20)
            r |= a & ~b & c;
        if constexpr (table & 0x40)
            r |= a & b & ~c;
        if constexpr (table & 0x80)
            r |= a & b & c;
        if constexpr (complement)
            return ~r;
        else
            return r;
    }
}

constexpr int kXor3 = 0x96; // a ^ b ^ c
constexpr int kMaj = 0xE8;  // at least two of a, b, c
constexpr int kMux = 0xCA;  // a ? b : c

// Rule truth tables in terms of S9 (the 3x3 sum including the cell).
constexpr bool birthAt(unsigned birth, int s9) {
    return s9 <= 8 && ((birth >> s9) & 1u);
}
constexpr bool survivalAt(unsigned survival, int s9) {
    return s9 >= 1 && ((survival >> (s9 - 1)) & 1u);
}

// Rules fixed at compile time: five vpternlogq (see [SECTION] Idea, step 4).
template <unsigned Birth, unsigned Survival> struct FixedRule {
    // A(s2, s1, s0): live cell, S9 = 4 s2 + 2 s1 + s0 in 0..7.
    static constexpr int kAlive =
        ternTable([](int a, int b, int c) { return survivalAt(Survival, 4 * a + 2 * b + c); });
    static constexpr int kDead =
        ternTable([](int a, int b, int c) { return birthAt(Birth, 4 * a + 2 * b + c); });
    // g(self, s0, -): S9 = 8 + s0.
    static constexpr int kHigh = ternTable([](int self, int s0, int) {
        return self ? survivalAt(Survival, 8 + s0) : birthAt(Birth, 8 + s0);
    });

    template <class V> explicit FixedRule(const KernelArgs&, V*) {}

    template <class V> V eval(V s3, V s2, V s1, V s0, V self) const {
        const V alive = V::template tern<kAlive>(s2, s1, s0);
        const V dead = V::template tern<kDead>(s2, s1, s0);
        const V low = V::template tern<kMux>(self, alive, dead);
        const V high = V::template tern<kHigh>(self, s0, s0);
        return V::template tern<kMux>(s3, high, low);
    }
};

// Any rule, from its truth table in registers: for each of "dead" and "alive", a multiplexer
// tree over s0, s1, s2, s3 whose ten leaves (S9 = 0..9) are all-zero or all-one vectors.
template <class V> struct RuntimeRule {
    V dead[10], alive[10];

    RuntimeRule(const KernelArgs& a, V*) {
        for (int s9 = 0; s9 < 10; ++s9) {
            dead[s9] = birthAt(a.birth, s9) ? V::ones() : V::zero();
            alive[s9] = survivalAt(a.survival, s9) ? V::ones() : V::zero();
        }
    }

    static V tree(const V* t, V s3, V s2, V s1, V s0) {
        const V p01 = V::mux(s0, t[1], t[0]);
        const V p23 = V::mux(s0, t[3], t[2]);
        const V p45 = V::mux(s0, t[5], t[4]);
        const V p67 = V::mux(s0, t[7], t[6]);
        const V p89 = V::mux(s0, t[9], t[8]);
        const V q03 = V::mux(s1, p23, p01);
        const V q47 = V::mux(s1, p67, p45);
        const V r07 = V::mux(s2, q47, q03);
        return V::mux(s3, p89, r07);
    }

    V eval(V s3, V s2, V s1, V s0, V self) const {
        return V::mux(self, tree(alive, s3, s2, s1, s0), tree(dead, s3, s2, s1, s0));
    }
};

// Horizontal 2-bit sums h0, h1 of one vector of a row.
template <class V> inline void horizontal(const std::uint64_t* p, V& h0, V& h1) {
    const V c = V::load(p);
    const V l = V::shiftInLeft(c, V::loadu(p - 1));
    const V r = V::shiftInRight(c, V::loadu(p + 1));
    h0 = V::template tern<kXor3>(l, c, r);
    h1 = V::template tern<kMaj>(l, c, r);
}

// S9 = (a1 a0) + (b1 b0) + (c1 c0) and the rule: full adder on the ones, full adder on the twos,
// the twos' sum plus the ones' carry, then the fours.
template <class V, class Rule>
inline V nextState(const Rule& rule, V a0, V a1, V b0, V b1, V c0, V c1, V self) {
    const V s0 = V::template tern<kXor3>(a0, b0, c0);
    const V k0 = V::template tern<kMaj>(a0, b0, c0);
    const V t = V::template tern<kXor3>(a1, b1, c1);
    const V u = V::template tern<kMaj>(a1, b1, c1);
    const V s1 = V::bxor(t, k0);
    const V v = V::band(t, k0);
    const V s2 = V::bxor(u, v);
    const V s3 = V::band(u, v);
    return rule.eval(s3, s2, s1, s0, self);
}

// Live cells of one finished output row (after fixGhosts: the last data word is masked, apart
// from the ghost bit at W, which is masked here).
inline std::uint64_t rowPopulation(const std::uint64_t* out, std::size_t dataWords,
                                   std::uint32_t width) {
    std::uint64_t n = 0;
    for (std::size_t w = 0; w + 1 < dataWords; ++w)
        n += std::uint64_t(__builtin_popcountll(out[w]));
    std::uint64_t last = out[dataWords - 1];
    if (width & 63)
        last &= (std::uint64_t{1} << (width & 63)) - 1;
    return n + std::uint64_t(__builtin_popcountll(last));
}

// Column strips: for each vector-wide strip, walk down the rows keeping the horizontal sums of
// rows y-1, y, y+1 and the cell row y in registers, so each output vector costs three loads
// (the row below and its two neighbour words), one store and ~17 logic instructions.
template <class V, class Rule> void stepRows(const KernelArgs& args) {
    const Rule rule(args, static_cast<V*>(nullptr));
    // Locals, not args' fields: stores through uint64_t* may alias the size_t members, which
    // would make the compiler reload them after every store.
    const std::size_t n = args.vecWords;
    const std::uint32_t rows = args.rows;
    const std::uint64_t* const* src = args.srcRows;
    std::uint64_t* const* dst = args.dstRows;
    for (std::size_t j = 0; j < n; j += V::kWords) {
        V a0, a1, b0, b1;
        horizontal<V>(src[0] + j, a0, a1);
        horizontal<V>(src[1] + j, b0, b1);
        V self = V::load(src[1] + j);
        for (std::uint32_t y = 0; y < rows; ++y) {
            const std::uint64_t* below = src[y + 2] + j;
            const V c = V::load(below);
            const V l = V::shiftInLeft(c, V::loadu(below - 1));
            const V r = V::shiftInRight(c, V::loadu(below + 1));
            const V c0 = V::template tern<kXor3>(l, c, r);
            const V c1 = V::template tern<kMaj>(l, c, r);
            V::store(dst[y] + j, nextState<V>(rule, a0, a1, b0, b1, c0, c1, self));
            a0 = b0;
            a1 = b1;
            b0 = c0;
            b1 = c1;
            self = c;
        }
    }
    std::uint64_t population = 0;
    for (std::uint32_t y = 0; y < rows; ++y) {
        fixGhosts(dst[y], args.width, args.dataWords, args.torus);
        if (args.countPopulation)
            population += rowPopulation(dst[y], args.dataWords, args.width);
    }
    if (args.countPopulation)
        *args.population = population;
}

// Rule masks of the specialised rules: bit n = n neighbours.
constexpr unsigned mask(std::initializer_list<int> digits) {
    unsigned m = 0;
    for (int d : digits)
        m |= 1u << d;
    return m;
}

template <class V> void stepBandImpl(const KernelArgs& a) {
    const auto is = [&](unsigned b, unsigned s) { return a.birth == b && a.survival == s; };
    constexpr unsigned lifeB = mask({3}), lifeS = mask({2, 3});
    constexpr unsigned highB = mask({3, 6}), highS = mask({2, 3});
    constexpr unsigned seedsB = mask({2}), seedsS = 0;
    constexpr unsigned dnB = mask({3, 6, 7, 8}), dnS = mask({3, 4, 6, 7, 8});
    if (is(lifeB, lifeS))
        stepRows<V, FixedRule<lifeB, lifeS>>(a);
    else if (is(highB, highS))
        stepRows<V, FixedRule<highB, highS>>(a);
    else if (is(seedsB, seedsS))
        stepRows<V, FixedRule<seedsB, seedsS>>(a);
    else if (is(dnB, dnS))
        stepRows<V, FixedRule<dnB, dnS>>(a);
    else
        stepRows<V, RuntimeRule<V>>(a);
}

} // namespace
