// Click-and-drag picking on the 3-D cube, checked by brute force against the camera and the
// cube's own move tables (not against the picking code's reasoning):
// - every sticker that faces the camera, projected to the screen and picked back, is itself
//   (also near its corners), and a pixel off the cube picks nothing;
// - a drag along either in-plane axis of a face gives, among every quarter turn that carries the
//   sticker off its face, the one whose sticker permutation (cube::Cube::permutation) starts
//   moving the picked sticker most nearly in the drag's screen direction;
// - known cases from Singmaster notation: on the front face, dragging the right column up is R,
//   the middle column up is M' (M follows L, and L takes the front down), the top row left is U.
#include "cube/Cube.h"
#include "cube/CubePicking.h"

#include <QtTest>

#include <cmath>

using namespace algoscope;
using namespace algoscope::cube;

namespace {

CubeCamera makeCamera(int n, float yaw, float pitch, int w, int h) {
    CubeCamera c;
    c.yaw = yaw;
    c.pitch = pitch;
    c.distance = CubeCamera::defaultDistance(n);
    c.width = w;
    c.height = h;
    return c;
}

glm::vec3 cameraPosition(const CubeCamera& c) {
    return glm::vec3(glm::inverse(c.view()) * glm::vec4(0, 0, 0, 1));
}

glm::vec3 normalOf(int n, int i) {
    const auto a = stickerPlace(n, i).normal;
    return {float(a[0]), float(a[1]), float(a[2])};
}

/// Cosine between the sticker's face normal and the direction to the camera.
float facing(int n, int i, const CubeCamera& c) {
    return glm::dot(normalOf(n, i), glm::normalize(cameraPosition(c) - stickerCenter(n, i)));
}

/// Every single-layer quarter turn of an n-cube, written as notation.
std::vector<Move> singleLayerQuarterTurns(int n) {
    std::vector<Move> out;
    for (const char* name : {"U", "U'", "D", "D'", "L", "L'", "R", "R'", "B", "B'", "F", "F'"})
        out.push_back(parseMove(name, n));
    if (n == 3)
        for (const char* name : {"M", "M'", "E", "E'", "S", "S'"})
            out.push_back(parseMove(name, n));
    return out;
}

/// Where sticker i is after move m: the j with perm[j] == i (perm[j] is where j's colour
/// came from).
int destination(int n, const Move& m, int i) {
    const std::vector<int>& perm = Cube(n).permutation(m);
    for (int j = 0; j < int(perm.size()); ++j)
        if (perm[std::size_t(j)] == i)
            return j;
    return -1;
}

void addCameraRows() {
    QTest::addColumn<int>("n");
    QTest::addColumn<float>("yaw");
    QTest::addColumn<float>("pitch");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    struct View {
        float yaw, pitch;
        int w, h;
    };
    for (int n : {2, 3})
        for (const View& v :
             {View{-35, 25, 800, 600}, View{40, -30, 800, 600}, View{150, 60, 600, 900},
              View{-120, -10, 1200, 500}, View{10, 80, 700, 700}})
            QTest::newRow(qPrintable(QStringLiteral("%1x%1 yaw %2 pitch %3 %4x%5")
                                         .arg(n)
                                         .arg(double(v.yaw))
                                         .arg(double(v.pitch))
                                         .arg(v.w)
                                         .arg(v.h)))
                << n << v.yaw << v.pitch << v.w << v.h;
}

} // namespace

class TestCubePicking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyVisibleStickerPicksBackItself_data() { addCameraRows(); }
    void everyVisibleStickerPicksBackItself() {
        QFETCH(int, n);
        QFETCH(float, yaw);
        QFETCH(float, pitch);
        QFETCH(int, width);
        QFETCH(int, height);
        const CubeCamera cam = makeCamera(n, yaw, pitch, width, height);
        int visible = 0;
        for (int i = 0; i < 6 * n * n; ++i) {
            if (facing(n, i, cam) < 0.05f)
                continue; // a convex cube: only stickers facing the camera can be seen
            ++visible;
            const glm::vec3 centre = stickerCenter(n, i), normal = normalOf(n, i);
            // The centre and points 0.8 of the way to each corner of the 2x2 sticker square.
            std::vector<glm::vec3> points{centre};
            int a = -1, b = -1;
            for (int k = 0; k < 3; ++k)
                if (normal[k] == 0.0f)
                    (a < 0 ? a : b) = k;
            for (float da : {-0.8f, 0.8f})
                for (float db : {-0.8f, 0.8f}) {
                    glm::vec3 p = centre;
                    p[a] += da;
                    p[b] += db;
                    points.push_back(p);
                }
            for (const glm::vec3& p : points) {
                const auto hit = pickSticker(n, cam, cam.project(p));
                QVERIFY2(hit, qPrintable(QStringLiteral("sticker %1 not hit").arg(i)));
                QCOMPARE(hit->sticker, i);
                QCOMPARE(hit->face * n * n + hit->row * n + hit->col, i);
                QVERIFY(glm::length(hit->normal - normal) < 1e-6f);
                QVERIFY(glm::length(hit->point - p) < 1e-2f);
            }
        }
        // A generic view sees at least two faces (three from a corner-ish direction).
        QVERIFY(visible >= 2 * n * n);
        // Off the cube: a screen corner.
        QVERIFY(!pickSticker(n, cam, glm::vec2(2.0f, 2.0f)));
    }

    void dragMovesTheStickerAlongTheDrag_data() { addCameraRows(); }
    void dragMovesTheStickerAlongTheDrag() {
        QFETCH(int, n);
        QFETCH(float, yaw);
        QFETCH(float, pitch);
        QFETCH(int, width);
        QFETCH(int, height);
        const CubeCamera cam = makeCamera(n, yaw, pitch, width, height);
        const std::vector<Move> candidates = singleLayerQuarterTurns(n);
        int checked = 0;
        for (int i = 0; i < 6 * n * n; ++i) {
            if (facing(n, i, cam) < 0.3f)
                continue; // steep faces: a drag's direction on them is ill-defined
            const glm::vec3 centre = stickerCenter(n, i), normal = normalOf(n, i);
            const auto hit = pickSticker(n, cam, cam.project(centre));
            QVERIFY(hit);
            for (int axis = 0; axis < 3; ++axis) {
                if (normal[axis] != 0.0f)
                    continue;
                for (float sign : {-1.0f, 1.0f}) {
                    glm::vec3 step(0);
                    step[axis] = sign;
                    const glm::vec2 dir =
                        glm::normalize(cam.project(centre + step) - cam.project(centre));
                    const glm::vec2 drag = 30.0f * dir;
                    const auto move = moveForDrag(n, cam, *hit, drag);
                    QVERIFY(move);
                    // Brute force: of the quarter turns that turn the sticker's layer off its
                    // face, the one that starts moving it most nearly along the drag on screen.
                    // The permutation says where the sticker lands, q = R p; for a quarter turn
                    // about unit axis A through the centre, R p = p_A + A x p (Rodrigues with
                    // sin = 1, cos = 0), so the initial direction A x p is q - p_A, whose part
                    // in the face plane is the direction a drag on the face follows.
                    float best = -2;
                    const Move* expected = nullptr;
                    for (const Move& m : candidates) {
                        if (normal[m.axis] != 0.0f || !stickerInMove(n, i, m))
                            continue;
                        const glm::vec3 q = stickerCenter(n, destination(n, m, i));
                        glm::vec3 along(0);
                        along[m.axis] = centre[m.axis];
                        glm::vec3 t = q - along;
                        t -= normal * glm::dot(t, normal);
                        const glm::vec2 d =
                            cam.project(centre + 0.25f * glm::normalize(t)) - cam.project(centre);
                        const float cosine = glm::dot(glm::normalize(d), dir);
                        if (cosine > best) {
                            best = cosine;
                            expected = &m;
                        }
                    }
                    QVERIFY(expected);
                    QVERIFY(best > 0.99f);
                    QVERIFY2(*move == *expected,
                             qPrintable(QStringLiteral("sticker %1 drag axis %2 sign %3: got %4, "
                                                       "expected %5")
                                            .arg(i)
                                            .arg(axis)
                                            .arg(double(sign))
                                            .arg(QString::fromStdString(move->name))
                                            .arg(QString::fromStdString(expected->name))));
                    // The notation is valid and names the same move (the lab records names).
                    QVERIFY(parseMove(move->name, n) == *move);
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= 4 * n * n);
    }

    void knownDragsOnTheFrontFace() {
        // Default camera: front face (F) towards the viewer, U on top, R to the right.
        const CubeCamera cam = makeCamera(3, -35, 25, 800, 600);
        auto dragFrom = [&cam](int row, int col, glm::vec2 drag) {
            const int i = F * 9 + row * 3 + col;
            const auto hit = pickSticker(3, cam, cam.project(stickerCenter(3, i)));
            return hit ? moveForDrag(3, cam, *hit, drag) : std::nullopt;
        };
        const glm::vec2 up(0, -40), down(0, 40), left(-40, 0), right(40, 0);
        QCOMPARE(QString::fromStdString(dragFrom(1, 2, up)->name), QStringLiteral("R"));
        QCOMPARE(QString::fromStdString(dragFrom(2, 2, down)->name), QStringLiteral("R'"));
        QCOMPARE(QString::fromStdString(dragFrom(0, 0, up)->name), QStringLiteral("L'"));
        QCOMPARE(QString::fromStdString(dragFrom(1, 1, up)->name), QStringLiteral("M'"));
        QCOMPARE(QString::fromStdString(dragFrom(0, 1, left)->name), QStringLiteral("U"));
        QCOMPARE(QString::fromStdString(dragFrom(2, 0, right)->name), QStringLiteral("D"));
        QCOMPARE(QString::fromStdString(dragFrom(1, 0, right)->name), QStringLiteral("E"));
        // On a 2x2x2 both layers are faces: no slice ever.
        const CubeCamera cam2 = makeCamera(2, -35, 25, 800, 600);
        for (int i = 0; i < 24; ++i) {
            const auto hit = pickSticker(2, cam2, cam2.project(stickerCenter(2, i)));
            if (!hit)
                continue;
            for (const glm::vec2& d : {up, down, left, right}) {
                const auto m = moveForDrag(2, cam2, *hit, d);
                QVERIFY(m);
                QVERIFY(std::string("UDLRBF").find(m->name[0]) != std::string::npos);
            }
        }
        // A zero drag asks for nothing.
        const auto hit = pickSticker(3, cam, cam.project(stickerCenter(3, F * 9 + 4)));
        QVERIFY(hit);
        QVERIFY(!moveForDrag(3, cam, *hit, glm::vec2(0, 0)));
    }
};

QTEST_GUILESS_MAIN(TestCubePicking)
#include "TestCubePicking.moc"
