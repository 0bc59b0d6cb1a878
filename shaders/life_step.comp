// One generation of a Life-like rule on bit-packed cells: 32 cells per uint, row-major,
// u_wordsPerRow uints per row, cell x of a row at bit x % 32 of uint x / 32; bits at x >= width
// are 0 and stay 0. Driven by core/gpu/GpuLife.cpp; CPU twin: core/life/BitpackedKernel.h, whose
// comments explain the bit-sliced arithmetic this kernel repeats with 32-bit words:
//   H = L + C + R per row (a full adder: h0 = xor, h1 = majority), S9 = H(y-1) + H(y) + H(y+1)
//   (the 3x3 sum including the cell), next = alive ? S9 - 1 in S : S9 in B.
// One invocation per word (local size LOCAL_X words x LOCAL_Y rows). The rule is injected as the
// constants BIRTH_MASK and SURVIVAL_MASK (bit n = n neighbours), so the compiler folds the
// rule into a handful of logic operations; GpuLife keeps one compiled program per rule.
#ifndef LOCAL_X
#define LOCAL_X 16
#endif
#ifndef LOCAL_Y
#define LOCAL_Y 16
#endif
#ifndef BIRTH_MASK
#define BIRTH_MASK 8u
#endif
#ifndef SURVIVAL_MASK
#define SURVIVAL_MASK 12u
#endif

layout(local_size_x = LOCAL_X, local_size_y = LOCAL_Y) in;

layout(std430, binding = 0) readonly buffer Src {
    uint src[];
};
layout(std430, binding = 1) writeonly buffer Dst {
    uint dst[];
};

uniform uint u_width;       // cells per row
uniform uint u_height;      // rows
uniform uint u_wordsPerRow; // ceil(width / 32)
uniform uint u_torus;       // 1: wrap around; 0: dead border

// Cell x of row `row` (x < width).
uint cellAt(uint row, uint x) {
    return (src[row * u_wordsPerRow + (x >> 5)] >> (x & 31u)) & 1u;
}

// Horizontal sum L + C + R of word i of row y as two bit planes; rows outside a plane are dead.
void horizontal(int y, uint i, out uint h0, out uint h1, out uint c) {
    if (y < 0 || y >= int(u_height)) {
        if (u_torus == 0u) {
            h0 = 0u;
            h1 = 0u;
            c = 0u;
            return;
        }
        y = y < 0 ? y + int(u_height) : y - int(u_height);
    }
    const uint row = uint(y);
    const uint base = row * u_wordsPerRow;
    c = src[base + i];
    // Cell left of bit 0: bit 31 of the previous word, or across the left edge.
    uint prev;
    if (i > 0u)
        prev = src[base + i - 1u] >> 31;
    else
        prev = u_torus != 0u ? cellAt(row, u_width - 1u) : 0u;
    // Cell right of the word's last cell: bit 0 of the next word, or across the right edge
    // (the last word's last cell is cell width - 1 at bit (width - 1) % 32).
    uint rightIn;
    if (i + 1u < u_wordsPerRow)
        rightIn = src[base + i + 1u] << 31;
    else
        rightIn = (u_torus != 0u ? cellAt(row, 0u) : 0u) << ((u_width - 1u) & 31u);
    const uint l = (c << 1) | prev;
    const uint r = (c >> 1) | rightIn;
    h0 = l ^ c ^ r;
    h1 = (l & c) | (r & (l ^ c));
}

// Rule in terms of S9 = 8 s3 + 4 s2 + 2 s1 + s0 (0..9): OR of the decoded sums the rule lists.
// The masks are compile-time constants, so the conditions vanish and only the needed terms stay.
uint applyRule(uint s3, uint s2, uint s1, uint s0, uint self) {
    uint born = 0u, survive = 0u;
    for (uint k = 0u; k <= 9u; ++k) {
        const uint eq = ((k & 8u) != 0u ? s3 : ~s3) & ((k & 4u) != 0u ? s2 : ~s2) &
                        ((k & 2u) != 0u ? s1 : ~s1) & ((k & 1u) != 0u ? s0 : ~s0);
        if (k <= 8u && ((BIRTH_MASK >> k) & 1u) != 0u)
            born |= eq;
        if (k >= 1u && ((SURVIVAL_MASK >> (k - 1u)) & 1u) != 0u)
            survive |= eq;
    }
    return (self & survive) | (~self & born);
}

void main() {
    const uint i = gl_GlobalInvocationID.x;
    const uint y = gl_GlobalInvocationID.y;
    if (i >= u_wordsPerRow || y >= u_height)
        return;
    uint a0, a1, b0, b1, c0, c1, self, unused;
    horizontal(int(y) - 1, i, a0, a1, unused);
    horizontal(int(y), i, b0, b1, self);
    horizontal(int(y) + 1, i, c0, c1, unused);
    // S9 = (a1 a0) + (b1 b0) + (c1 c0).
    const uint s0 = a0 ^ b0 ^ c0;
    const uint k0 = (a0 & b0) | (c0 & (a0 ^ b0));
    const uint t = a1 ^ b1 ^ c1;
    const uint u = (a1 & b1) | (c1 & (a1 ^ b1));
    const uint s1 = t ^ k0;
    const uint v = t & k0;
    const uint s2 = u ^ v;
    const uint s3 = u & v;
    uint next = applyRule(s3, s2, s1, s0, self);
    if (i + 1u == u_wordsPerRow && (u_width & 31u) != 0u)
        next &= (1u << (u_width & 31u)) - 1u; // keep the bits beyond the width 0
    dst[y * u_wordsPerRow + i] = next;
}
