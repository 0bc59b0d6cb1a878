// Soak (label `soak`, not in the default run: `ctest --test-dir build/release -L soak`): the
// shipped models loaded and dropped a thousand times each, with flat memory. The files are the
// embedded resources written to disk once, so every load is a real read of a real file:
//  - the LifeGPT 8x8 model (lifegpt::LifeGptModel::load, then one prediction so that the KV
//    cache is allocated and freed too);
//  - the 2x2x2 Q-network (cube::QNetwork::load, then one batched evaluation);
//  - the LifeGPT lab's File > Open path (LifeGptLab::openModel), which also re-predicts the board
//    on the lab's worker thread each time.
// Memory is the resident set from /proc/self/statm after 50 warm-up loads; it may not grow by
// more than 8 MiB over the thousand (allocator noise; a leaked model is 0.4 MiB or more, so a
// leak per load would show as hundreds of MiB).
#include "TaskRunner.h"
#include "TestHelpers.h"
#include "cube/Cube.h"
#include "cube/QNetwork.h"
#include "lifegpt/LifeGpt.h"
#include "lifegpt/LifeGptLab.h"
#include "util/Resources.h"

#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace algoscope;

namespace {

QString writeResource(const QTemporaryDir& dir, const std::string& name) {
    const std::string_view bytes = util::resource(name);
    const QString path = dir.filePath(QString::fromStdString(name).section('/', -1));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return {};
    return path;
}

/// Runs `once` 50 times (warm-up) then `loads` times; resident memory may not grow by 8 MiB.
void soak(const char* what, int loads, const std::function<void()>& once) {
    for (int i = 0; i < 50; ++i)
        once();
    const double start = test::residentMiB();
    double worst = start;
    for (int i = 0; i < loads; ++i) {
        once();
        if (i % 50 == 0)
            worst = std::max(worst, test::residentMiB());
    }
    worst = std::max(worst, test::residentMiB());
    qInfo("%s: resident %.1f MiB after warm-up, at most %.1f MiB over %d loads", what, start, worst,
          loads);
    QVERIFY2(worst - start < 8.0, "memory grew while loading models");
}

} // namespace

class TestSoakModels : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void lifeGptModelThousandLoads() {
        const QString path = writeResource(m_dir, "resources/models/lifegpt-8x8.safetensors");
        QVERIFY(!path.isEmpty());
        const life::Board blinker = [] {
            life::Board b(8, 8);
            b.set(3, 4, true);
            b.set(4, 4, true);
            b.set(5, 4, true);
            return b;
        }();
        soak("LifeGptModel::load + predict", 1000, [&] {
            const lifegpt::LifeGptModel m = lifegpt::LifeGptModel::load(path.toStdString());
            QCOMPARE(m.predict({blinker}, 0.0, nullptr).size(), std::size_t(1));
        });
    }

    void cubeNetworkThousandLoads() {
        const QString path = writeResource(m_dir, cube::QNetwork::shippedName(2, 12));
        QVERIFY(!path.isEmpty());
        const cube::Cube solved(2);
        soak("QNetwork::load + evaluate", 1000, [&] {
            const cube::QNetwork net = cube::QNetwork::load(path.toStdString());
            QCOMPARE(net.cubeSize(), 2);
            QCOMPARE(int(net.evaluate({solved.stickers()}).cols()), 12);
        });
    }

    void lifeGptLabThousandOpens() {
        const QString path = writeResource(m_dir, "resources/models/lifegpt-8x8.safetensors");
        ui::LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        soak("LifeGptLab::openModel", 1000, [&] {
            QString error;
            QVERIFY2(lab.openModel(path, &error), qPrintable(error));
            QVERIFY(lab.taskRunner()->waitForIdle(60000));
        });
        QVERIFY(lab.prediction().has_value());
    }
};

QTEST_MAIN(TestSoakModels)
#include "TestSoakModels.moc"
