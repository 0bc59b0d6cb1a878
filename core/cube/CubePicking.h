#pragma once
// Click-and-drag turns on the 3-D cube, as pure geometry (no Qt, no GL) so it can be tested
// against brute force: the camera the cube view draws with, a ray cast from a pixel into the
// cube (which sticker is under the mouse), and the layer turn a drag on that sticker asks for.
//
// World coordinates are those of cube::stickerPlace: cubies 2 units wide, the cube spans
// [-n, n] on every axis, a sticker's centre is its cubie centre plus its outward normal.
// Pixels are widget pixels with y pointing down (as Qt's mouse events give them).
#include "cube/Cube.h"

#include <glm/glm.hpp>

#include <optional>

namespace algoscope::cube {

/// The cube view's camera: the cube is rotated by yaw (about y) then pitch (about x) and pushed
/// `distance` away, seen with a 30-degree vertical field of view.
struct CubeCamera {
    float yaw = -35.0f, pitch = 25.0f; // degrees
    float distance = 27.0f;
    int width = 800, height = 600; // viewport in pixels

    /// The default distance for an n-cube (the whole cube fits with a margin).
    static float defaultDistance(int n) { return 9.0f * float(n); }
    glm::mat4 view() const;
    glm::mat4 projection() const;
    /// Widget pixel (y down) of a world point.
    glm::vec2 project(const glm::vec3& world) const;
};

/// The centre of sticker `index` of an n-cube (on the surface, cubie centre + normal).
glm::vec3 stickerCenter(int n, int index);

struct StickerHit {
    int sticker = -1; // index face*n*n + row*n + col (cube/Cube.h order)
    int face = 0;     // U D L R B F
    int row = 0, col = 0;
    glm::vec3 point{0};  // where the ray meets the cube's surface
    glm::vec3 normal{0}; // outward normal of the face hit
};

/// The sticker under a pixel (the first face the ray through it enters), or nothing when the
/// ray misses the cube.
std::optional<StickerHit> pickSticker(int n, const CubeCamera& camera, const glm::vec2& pixel);

/// The turn a drag of `dragPixels` (screen vector, y down) starting on `hit` asks for: the drag
/// is written in the face's two in-plane axes (as they appear on screen) and the larger one
/// wins; the layer turned is the one through the hit sticker perpendicular to the drag, turning
/// so that the sticker moves along the drag. For a 3x3x3 the middle layers are the slices
/// M, E, S. Nothing when the face is seen edge-on (the drag direction is undefined) or the drag
/// is zero.
std::optional<Move> moveForDrag(int n, const CubeCamera& camera, const StickerHit& hit,
                                const glm::vec2& dragPixels);

} // namespace algoscope::cube
