#include "cube/Cube.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <array>
#include <map>
#include <mutex>

namespace algoscope::cube {

namespace {

using Vec = std::array<int, 3>;

struct Sticker {
    Vec pos;    // cubie centre, coordinates in {-(n-1), ..., n-1} step 2
    Vec normal; // outward unit normal
};

Sticker stickerGeometry(int n, int face, int row, int col) {
    const int m = n - 1;
    const int a = -m + 2 * row, b = -m + 2 * col; // top-to-bottom / left-to-right offsets
    switch (face) {
    case U:
        return {{-m + 2 * col, m, a}, {0, 1, 0}};
    case D:
        return {{-m + 2 * col, -m, m - 2 * row}, {0, -1, 0}};
    case L:
        return {{-m, -a, b}, {-1, 0, 0}};
    case R:
        return {{m, -a, -b}, {1, 0, 0}};
    case B:
        return {{-b, -a, -m}, {0, 0, -1}};
    default: // F
        return {{b, -a, m}, {0, 0, 1}};
    }
}

/// +90 degrees about axis a (right-handed).
Vec rotatePlus(const Vec& v, int a) {
    switch (a) {
    case 0:
        return {v[0], -v[2], v[1]};
    case 1:
        return {v[2], v[1], -v[0]};
    default:
        return {-v[1], v[0], v[2]};
    }
}

struct Geometry {
    int n;
    std::vector<Sticker> stickers;
    std::map<std::pair<Vec, Vec>, int> index;
    std::map<int, std::vector<int>> perms; // key: axis, sign, layers, quarter turns
};

int permKey(const Move& m) {
    return ((m.axis * 2 + (m.sign > 0)) * 256 + int(m.layers)) * 4 + (m.quarterTurns & 3);
}

const Geometry& geometry(int n) {
    static std::once_flag once2, once3;
    static Geometry g2, g3;
    Geometry& g = n == 2 ? g2 : g3;
    std::call_once(n == 2 ? once2 : once3, [&g, n] {
        g.n = n;
        for (int f = 0; f < 6; ++f)
            for (int r = 0; r < n; ++r)
                for (int c = 0; c < n; ++c) {
                    g.stickers.push_back(stickerGeometry(n, f, r, c));
                    g.index[{g.stickers.back().pos, g.stickers.back().normal}] =
                        int(g.stickers.size()) - 1;
                }
        // Every move this size can express: axis, sign, layer set, quarter turns.
        for (int axis = 0; axis < 3; ++axis)
            for (int sign : {-1, 1})
                for (std::uint32_t layers = 1; layers < (1u << n); ++layers)
                    for (int q = 1; q <= 3; ++q) {
                        Move m;
                        m.axis = axis;
                        m.sign = sign;
                        m.layers = layers;
                        m.quarterTurns = q;
                        // Clockwise seen from the reference face = -90 degrees about its outward
                        // normal sign*e_axis, i.e. 3 (sign +1) or 1 (sign -1) times +90 about
                        // e_axis.
                        const int plus = ((sign > 0 ? 3 : 1) * q) % 4;
                        std::vector<int> perm(g.stickers.size());
                        for (std::size_t i = 0; i < perm.size(); ++i)
                            perm[i] = int(i);
                        for (std::size_t i = 0; i < g.stickers.size(); ++i) {
                            const Sticker& s = g.stickers[i];
                            const int layer = ((n - 1) - sign * s.pos[std::size_t(axis)]) / 2;
                            if (!(layers >> layer & 1u))
                                continue;
                            Vec p = s.pos, nn = s.normal;
                            for (int k = 0; k < plus; ++k) {
                                p = rotatePlus(p, axis);
                                nn = rotatePlus(nn, axis);
                            }
                            perm[std::size_t(g.index.at({p, nn}))] = int(i);
                        }
                        g.perms[permKey(m)] = std::move(perm);
                    }
    });
    return g;
}

int faceAxis(int face) {
    return face == L || face == R ? 0 : face == U || face == D ? 1 : 2;
}
int faceSign(int face) {
    return face == U || face == R || face == F ? 1 : -1;
}
const char* kFaceLetters = "UDLRBF";

std::string withSuffix(const std::string& base, int q) {
    return base + (q == 2 ? "2" : q == 3 ? "'" : "");
}

} // namespace

Move Move::inverse() const {
    Move m = *this;
    m.quarterTurns = (4 - quarterTurns) % 4;
    std::string base = name;
    while (!base.empty() && (base.back() == '\'' || base.back() == '2'))
        base.pop_back();
    m.name = withSuffix(base, m.quarterTurns);
    return m;
}

Cube::Cube(int n) : m_n(n) {
    if (n != 2 && n != 3)
        throw util::Error("cube size must be 2 or 3, not " + std::to_string(n));
    m_stickers.resize(std::size_t(6 * n * n));
    for (int f = 0; f < 6; ++f)
        for (int i = 0; i < n * n; ++i)
            m_stickers[std::size_t(f * n * n + i)] = std::uint8_t(f);
}

Cube::Cube(int n, std::vector<std::uint8_t> stickers) : Cube(n) {
    if (stickers.size() != m_stickers.size())
        throw util::Error("a " + std::to_string(n) + "x" + std::to_string(n) + "x" +
                          std::to_string(n) + " cube has " + std::to_string(m_stickers.size()) +
                          " stickers, not " + std::to_string(stickers.size()));
    std::array<int, 6> count{};
    for (std::uint8_t c : stickers) {
        if (c > 5)
            throw util::Error("sticker colour " + std::to_string(c) + " is not 0..5");
        ++count[c];
    }
    for (int c = 0; c < 6; ++c)
        if (count[std::size_t(c)] != n * n)
            throw util::Error("colour " + std::to_string(c) + " appears on " +
                              std::to_string(count[std::size_t(c)]) + " stickers, not " +
                              std::to_string(n * n));
    m_stickers = std::move(stickers);
}

bool Cube::isSolved() const {
    for (std::size_t i = 0; i < m_stickers.size(); ++i)
        if (m_stickers[i] != i / std::size_t(m_n * m_n))
            return false;
    return true;
}

bool Cube::isSolvedUpToRotation() const {
    const int nn = m_n * m_n;
    for (int f = 0; f < 6; ++f)
        for (int i = 1; i < nn; ++i)
            if (m_stickers[std::size_t(f * nn + i)] != m_stickers[std::size_t(f * nn)])
                return false;
    return true;
}

const std::vector<int>& Cube::permutation(const Move& m) const {
    const Geometry& g = geometry(m_n);
    auto it = g.perms.find(permKey(m));
    if (it == g.perms.end())
        throw util::Error("move " + m.name + " does not exist on a " + std::to_string(m_n) + "x" +
                          std::to_string(m_n) + "x" + std::to_string(m_n) + " cube");
    return it->second;
}

void Cube::apply(const Move& m) {
    if (m.quarterTurns % 4 == 0)
        return;
    const std::vector<int>& perm = permutation(m);
    std::vector<std::uint8_t> next(m_stickers.size());
    for (std::size_t i = 0; i < next.size(); ++i)
        next[i] = m_stickers[std::size_t(perm[i])];
    m_stickers.swap(next);
}

void Cube::apply(const std::vector<Move>& moves) {
    for (const Move& m : moves)
        apply(m);
}

std::uint64_t Cube::hash() const {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::uint8_t s : m_stickers) {
        h ^= s;
        h *= 1099511628211ULL;
    }
    return h;
}

StickerPlace stickerPlace(int n, int index) {
    const Geometry& g = geometry(n);
    if (index < 0 || index >= int(g.stickers.size()))
        throw util::Error("sticker index out of range");
    const Sticker& s = g.stickers[std::size_t(index)];
    return {s.pos, s.normal};
}

bool stickerInMove(int n, int index, const Move& m) {
    const StickerPlace p = stickerPlace(n, index);
    const int layer = ((n - 1) - m.sign * p.cubie[std::size_t(m.axis)]) / 2;
    return (m.layers >> layer) & 1u;
}

Move faceTurn(int face, int quarterTurns, int n) {
    (void)n;
    Move m;
    m.axis = faceAxis(face);
    m.sign = faceSign(face);
    m.layers = 1;
    m.quarterTurns = ((quarterTurns % 4) + 4) % 4;
    m.name = withSuffix(std::string(1, kFaceLetters[face]), m.quarterTurns);
    return m;
}

namespace {

/// Parses one move starting at text[pos]; advances pos. Throws with the token and position.
Move parseAt(std::string_view text, std::size_t& pos, int n) {
    const std::size_t start = pos;
    auto fail = [&](const std::string& why) -> Move {
        std::size_t end = pos;
        while (end < text.size() && text[end] != ' ')
            ++end;
        throw util::Error("move '" +
                          std::string(text.substr(start, std::max(end, start + 1) - start)) +
                          "' at position " + std::to_string(start + 1) + ": " + why);
    };
    const char c = text[pos++];
    Move m;
    std::string base(1, c);
    const std::string_view faces = "UDLRBF", wide = "udlrbf";
    if (auto f = faces.find(c); f != std::string_view::npos) {
        m.axis = faceAxis(int(f));
        m.sign = faceSign(int(f));
        m.layers = 1;
        if (pos < text.size() && text[pos] == 'w') {
            ++pos;
            base += 'w';
            if (n < 3)
                return fail("wide moves need a 3x3x3 (on a 2x2x2 they turn the whole cube)");
            m.layers = 3;
        }
    } else if (auto w = wide.find(c); w != std::string_view::npos) {
        if (n < 3)
            return fail("wide moves need a 3x3x3");
        m.axis = faceAxis(int(w));
        m.sign = faceSign(int(w));
        m.layers = 3;
    } else if (c == 'M' || c == 'E' || c == 'S') {
        if (n != 3)
            return fail("slice moves need a 3x3x3");
        const int ref = c == 'M' ? L : c == 'E' ? D : F;
        m.axis = faceAxis(ref);
        m.sign = faceSign(ref);
        m.layers = 2;
    } else if (c == 'x' || c == 'y' || c == 'z') {
        const int ref = c == 'x' ? R : c == 'y' ? U : F;
        m.axis = faceAxis(ref);
        m.sign = faceSign(ref);
        m.layers = (1u << n) - 1;
    } else {
        return fail("expected one of U D L R F B (with w), u d l r f b, M E S, x y z");
    }
    m.quarterTurns = 1;
    if (pos < text.size() && text[pos] == '2') {
        ++pos;
        m.quarterTurns = 2;
        if (pos < text.size() && text[pos] == '\'')
            ++pos; // "R2'" is R2
    } else if (pos < text.size() && text[pos] == '\'') {
        ++pos;
        m.quarterTurns = 3;
    } else if (text.substr(pos, 3) == "\xE2\x80\x99") { // typographic apostrophe
        pos += 3;
        m.quarterTurns = 3;
    }
    if (pos < text.size() && text[pos] != ' ' && text[pos] != ',' &&
        std::string_view("UDLRBFudlrbfMESxyz").find(text[pos]) == std::string_view::npos)
        return fail("unexpected '" + std::string(1, text[pos]) + "' after the move");
    m.name = withSuffix(base, m.quarterTurns);
    return m;
}

} // namespace

Move parseMove(std::string_view token, int n) {
    std::size_t pos = 0;
    if (token.empty())
        throw util::Error("empty move");
    Move m = parseAt(token, pos, n);
    if (pos != token.size())
        throw util::Error("move '" + std::string(token) + "': unexpected '" +
                          std::string(token.substr(pos)) + "'");
    return m;
}

std::vector<Move> parseMoves(std::string_view text, int n) {
    if (text.size() > 100000)
        throw util::LimitError("a move sequence of more than 100,000 characters");
    std::vector<Move> moves;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == ' ' || text[pos] == ',' || text[pos] == '\t' || text[pos] == '\n') {
            ++pos;
            continue;
        }
        moves.push_back(parseAt(text, pos, n));
    }
    return moves;
}

std::string toString(const std::vector<Move>& moves) {
    std::string s;
    for (const Move& m : moves) {
        if (!s.empty())
            s += ' ';
        s += m.name;
    }
    return s;
}

std::vector<Move> simplify(const std::vector<Move>& moves) {
    std::vector<Move> out;
    for (const Move& m : moves) {
        if (m.quarterTurns % 4 == 0)
            continue;
        if (!out.empty() && out.back().axis == m.axis && out.back().sign == m.sign &&
            out.back().layers == m.layers) {
            Move& last = out.back();
            const int q = (last.quarterTurns + m.quarterTurns) % 4;
            if (q == 0) {
                out.pop_back();
            } else {
                std::string base = last.name;
                while (!base.empty() && (base.back() == '\'' || base.back() == '2'))
                    base.pop_back();
                last.quarterTurns = q;
                last.name = withSuffix(base, q);
            }
            continue;
        }
        out.push_back(m);
    }
    return out;
}

std::vector<Move> invert(const std::vector<Move>& moves) {
    std::vector<Move> inv;
    for (auto it = moves.rbegin(); it != moves.rend(); ++it)
        inv.push_back(it->inverse());
    return inv;
}

std::vector<Move> quarterTurns(int n) {
    std::vector<Move> moves;
    for (int face : {U, D, L, R, B, F}) {
        moves.push_back(faceTurn(face, 3, n));
        moves.push_back(faceTurn(face, 1, n));
    }
    return moves;
}

std::vector<int> randomQuarterTurnIndices(int count, util::Rng& rng) {
    std::vector<int> seq;
    for (int i = 0; i < count; ++i) {
        int a;
        do
            a = int(rng.below(12));
        while (!seq.empty() && a == (seq.back() ^ 1));
        seq.push_back(a);
    }
    return seq;
}

std::vector<Move> randomQuarterTurns(int n, int count, util::Rng& rng) {
    const std::vector<Move> turns = quarterTurns(n);
    std::vector<Move> seq;
    for (int a : randomQuarterTurnIndices(count, rng))
        seq.push_back(turns[std::size_t(a)]);
    return seq;
}

namespace {
bool isRotation(const Move& m) {
    return !m.name.empty() && (m.name[0] == 'x' || m.name[0] == 'y' || m.name[0] == 'z');
}
} // namespace

int lengthQtm(const std::vector<Move>& moves) {
    int q = 0;
    for (const Move& m : moves)
        if (!isRotation(m) && m.quarterTurns % 4 != 0)
            q += m.quarterTurns == 2 ? 2 : 1;
    return q;
}

int lengthHtm(const std::vector<Move>& moves) {
    int h = 0;
    for (const Move& m : moves)
        if (!isRotation(m) && m.quarterTurns % 4 != 0)
            ++h;
    return h;
}

} // namespace algoscope::cube
