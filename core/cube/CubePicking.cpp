#include "cube/CubePicking.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace algoscope::cube {

namespace {

glm::vec3 toVec(const std::array<int, 3>& a) {
    return {float(a[0]), float(a[1]), float(a[2])};
}

int dominantAxis(const glm::vec3& v) {
    const glm::vec3 a = glm::abs(v);
    return a.x >= a.y && a.x >= a.z ? 0 : a.y >= a.z ? 1 : 2;
}

} // namespace

// [SECTION] camera ------------------------------------------------------------------------------

glm::mat4 CubeCamera::view() const {
    glm::mat4 v = glm::translate(glm::mat4(1.0f), glm::vec3(0, 0, -distance));
    v = glm::rotate(v, glm::radians(pitch), glm::vec3(1, 0, 0));
    return glm::rotate(v, glm::radians(yaw), glm::vec3(0, 1, 0));
}

glm::mat4 CubeCamera::projection() const {
    return glm::perspective(glm::radians(30.0f), float(width) / float(std::max(1, height)), 0.5f,
                            100.0f);
}

glm::vec2 CubeCamera::project(const glm::vec3& world) const {
    const glm::vec4 clip = projection() * view() * glm::vec4(world, 1.0f);
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return {(ndc.x + 1.0f) * 0.5f * float(width), (1.0f - ndc.y) * 0.5f * float(height)};
}

glm::vec3 stickerCenter(int n, int index) {
    const StickerPlace p = stickerPlace(n, index);
    return toVec(p.cubie) + toVec(p.normal);
}

// [SECTION] picking -----------------------------------------------------------------------------

std::optional<StickerHit> pickSticker(int n, const CubeCamera& camera, const glm::vec2& pixel) {
    // Unproject the pixel at the near and far planes: the ray through it in world space.
    const glm::mat4 inverse = glm::inverse(camera.projection() * camera.view());
    const float x = 2.0f * pixel.x / float(std::max(1, camera.width)) - 1.0f;
    const float y = 1.0f - 2.0f * pixel.y / float(std::max(1, camera.height));
    glm::vec4 nearH = inverse * glm::vec4(x, y, -1.0f, 1.0f);
    glm::vec4 farH = inverse * glm::vec4(x, y, 1.0f, 1.0f);
    const glm::vec3 origin = glm::vec3(nearH) / nearH.w;
    const glm::vec3 dir = glm::vec3(farH) / farH.w - origin;
    // Slab test against the box [-n, n]^3; the entry face is the axis whose slab is entered last.
    const float half = float(n);
    float tEnter = -std::numeric_limits<float>::infinity();
    float tExit = std::numeric_limits<float>::infinity();
    int enterAxis = -1;
    for (int a = 0; a < 3; ++a) {
        if (std::abs(dir[a]) < 1e-12f) {
            if (origin[a] < -half || origin[a] > half)
                return std::nullopt;
            continue;
        }
        float t1 = (-half - origin[a]) / dir[a], t2 = (half - origin[a]) / dir[a];
        if (t1 > t2)
            std::swap(t1, t2);
        if (t1 > tEnter) {
            tEnter = t1;
            enterAxis = a;
        }
        tExit = std::min(tExit, t2);
    }
    // A miss, or the camera inside the cube (zoomed all the way in): nothing to pick.
    if (enterAxis < 0 || tEnter > tExit || tEnter < 0)
        return std::nullopt;
    StickerHit hit;
    hit.point = origin + tEnter * dir;
    hit.normal = glm::vec3(0);
    hit.normal[enterAxis] = dir[enterAxis] > 0 ? -1.0f : 1.0f;
    // The sticker of that face whose square holds the point (nearest centre in the face plane).
    float best = std::numeric_limits<float>::infinity();
    for (int i = 0; i < 6 * n * n; ++i) {
        const StickerPlace p = stickerPlace(n, i);
        if (toVec(p.normal) != hit.normal)
            continue;
        const glm::vec3 d = glm::abs(hit.point - (toVec(p.cubie) + toVec(p.normal)));
        const float dist = std::max({enterAxis == 0 ? 0.0f : d.x, enterAxis == 1 ? 0.0f : d.y,
                                     enterAxis == 2 ? 0.0f : d.z});
        if (dist < best) {
            best = dist;
            hit.sticker = i;
        }
    }
    hit.face = hit.sticker / (n * n);
    hit.row = hit.sticker / n % n;
    hit.col = hit.sticker % n;
    return hit;
}

// [SECTION] drag to move ------------------------------------------------------------------------

std::optional<Move> moveForDrag(int n, const CubeCamera& camera, const StickerHit& hit,
                                const glm::vec2& dragPixels) {
    if (hit.sticker < 0 || hit.sticker >= 6 * n * n)
        return std::nullopt;
    const int normalAxis = dominantAxis(hit.normal);
    glm::vec3 e[2];
    for (int a = 0, k = 0; a < 3; ++a)
        if (a != normalAxis) {
            e[k] = glm::vec3(0);
            e[k++][a] = 1.0f;
        }
    // How the face's in-plane axes look on screen at the hit point (a short step: perspective
    // makes the mapping only locally linear); then write the drag as a*s0 + b*s1.
    const float step = 0.25f;
    const glm::vec2 at = camera.project(hit.point);
    const glm::vec2 s0 = (camera.project(hit.point + step * e[0]) - at) / step;
    const glm::vec2 s1 = (camera.project(hit.point + step * e[1]) - at) / step;
    const float det = s0.x * s1.y - s0.y * s1.x;
    if (std::abs(det) < 1e-3f * glm::length(s0) * glm::length(s1) || det == 0.0f)
        return std::nullopt; // the face is seen edge-on
    const float a = (dragPixels.x * s1.y - dragPixels.y * s1.x) / det;
    const float b = (s0.x * dragPixels.y - s0.y * dragPixels.x) / det;
    if (a == 0.0f && b == 0.0f)
        return std::nullopt;
    const glm::vec3 drag =
        std::abs(a) >= std::abs(b) ? (a > 0 ? e[0] : -e[0]) : (b > 0 ? e[1] : -e[1]);
    // A right-handed turn about normal x drag moves a point on the face along the drag:
    // (N x D) x N = D for unit N perpendicular to D.
    const glm::vec3 turnAxis = glm::cross(hit.normal, drag);
    const int axis = dominantAxis(turnAxis);
    const int wantedPlus = turnAxis[axis] > 0 ? 1 : 3; // quarter turns about +e_axis
    const int coordinate = stickerPlace(n, hit.sticker).cubie[std::size_t(axis)];
    // The single-layer quarter turn with that axis, layer and direction, by its notation so the
    // lab records it exactly as if it had been typed.
    static const char* const kNames[] = {"U",  "U'", "D",  "D'", "L",  "L'", "R",  "R'", "B",
                                         "B'", "F",  "F'", "M",  "M'", "E",  "E'", "S",  "S'"};
    for (const char* name : kNames) {
        if (n != 3 && (name[0] == 'M' || name[0] == 'E' || name[0] == 'S'))
            continue;
        const Move m = parseMove(name, n);
        if (m.axis != axis)
            continue;
        const int layer = ((n - 1) - m.sign * coordinate) / 2;
        if (m.layers != (1u << layer))
            continue;
        // Clockwise seen from the reference face (normal sign * e_axis) is -90 degrees about
        // it: 3 (sign +1) or 1 (sign -1) times +90 about e_axis, as in Cube.cpp.
        if (((m.sign > 0 ? 3 : 1) * m.quarterTurns) % 4 == wantedPlus)
            return m;
    }
    return std::nullopt;
}

} // namespace algoscope::cube
