// Neighbourhood index math of NATTEN, shared by the neighbourhood-attention kernels
// (na_naive.comp, na_fused.comp); the CPU twin with the derivation is core/attention/NaIndex.h.
// Problems are padded to three spatial axes (missing outer axes: length 1, kernel 1).
// Per axis a: u_L[a] length, u_k[a] kernel, u_d[a] dilation, u_s[a] stride, u_causal[a] 0/1.
uniform int u_L[3];
uniform int u_k[3];
uniform int u_d[3];
uniform int u_s[3];
uniform int u_causal[3];

int naGroupLength(int L, int d, int g) {
    return L / d + (g < L % d ? 1 : 0);
}

// Window of query x on axis a: (group, start, end) with keys start..end-1 in group coordinates,
// i.e. spatial indices j * d + group.
ivec3 naWindow(int a, int x) {
    int L = u_L[a], k = u_k[a], d = u_d[a], s = u_s[a];
    int g = x % d, i = x / d;
    int Lg = naGroupLength(L, d, g);
    if (u_causal[a] == 0) {
        int leader = min((i / s) * s + s / 2, Lg - 1);
        int start = clamp(leader - k / 2, 0, max(Lg - k, 0));
        return ivec3(g, start, start + k);
    }
    int leader = min((i / s) * s + s - 1, Lg - 1);
    return ivec3(g, max(leader - (k - 1), 0), min(i + 1, Lg));
}
