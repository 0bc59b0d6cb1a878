// LifeGPT's greedy prediction on the GPU (gpu::GpuLifeGpt, shaders/lifegpt_step.comp) against
// its CPU twin LifeGptModel::predict at temperature 0: the same boards and confidences, for the
// shipped 8x8 model and for small random-weight models (several widths, depths and head counts,
// where nothing is learnt and every logit matters). Skipped (QSKIP) without an OpenGL 4.3
// context.
#include "gpu/GpuLifeGpt.h"
#include "gpu/HeadlessContext.h"
#include "lifegpt/LifeGpt.h"
#include "util/Error.h"

#include <QtTest>

#include <cmath>
#include <memory>

using namespace algoscope;

namespace {

std::vector<life::Board> randomBoards(int grid, int count, std::uint64_t seed) {
    util::Rng rng(seed);
    std::vector<life::Board> boards;
    for (int i = 0; i < count; ++i)
        boards.push_back(lifegpt::randomBoard(grid, lifegpt::DataMode::Broad, rng));
    return boards;
}

// Boards must agree exactly; confidences to float rounding.
void compare(const lifegpt::LifeGptModel& model, const std::vector<life::Board>& boards) {
    const auto cpu = model.predict(boards, 0.0, nullptr);
    gpu::GpuLifeGpt g(model);
    const auto gpuOut = g.predict(boards);
    QCOMPARE(gpuOut.size(), cpu.size());
    for (std::size_t i = 0; i < cpu.size(); ++i) {
        QVERIFY2(gpuOut[i].board == cpu[i].board, qPrintable(QString("board %1 differs").arg(i)));
        for (std::size_t c = 0; c < cpu[i].confidence.size(); ++c)
            QVERIFY2(std::abs(gpuOut[i].confidence[c] - cpu[i].confidence[c]) < 1e-4f,
                     qPrintable(QString("board %1 cell %2: %3 vs %4")
                                    .arg(i)
                                    .arg(c)
                                    .arg(gpuOut[i].confidence[c])
                                    .arg(cpu[i].confidence[c])));
    }
}

} // namespace

class TestGpuLifeGpt : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        std::string why;
        m_ctx = gpu::HeadlessContext::create(&why);
        if (!m_ctx || !m_ctx->makeCurrent())
            QSKIP(
                qPrintable(QString("no OpenGL 4.3 context: %1").arg(QString::fromStdString(why))));
    }

    void shippedModelMatchesCpu() {
        const lifegpt::LifeGptModel model = lifegpt::LifeGptModel::load(
            std::string(ALGOSCOPE_SOURCE_DIR) + "/resources/models/lifegpt-8x8.safetensors");
        // 70 boards: a full batch of 64 and a partial one.
        compare(model, randomBoards(8, 70, 5));
    }

    void randomModelsMatchCpu_data() {
        QTest::addColumn<int>("grid");
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("heads");
        QTest::newRow("4x4, 16 wide, 1 layer, 2 heads") << 4 << 16 << 1 << 2;
        QTest::newRow("5x5, 24 wide, 2 layers, 3 heads") << 5 << 24 << 2 << 3;
        QTest::newRow("6x6, 32 wide, 3 layers, 1 head") << 6 << 32 << 3 << 1;
    }
    void randomModelsMatchCpu() {
        QFETCH(int, grid);
        QFETCH(int, dim);
        QFETCH(int, layers);
        QFETCH(int, heads);
        nn::TransformerConfig c;
        c.vocab = lifegpt::VocabSize;
        c.dim = dim;
        c.layers = layers;
        c.heads = heads;
        c.maxSeq = lifegpt::sequenceLength(grid);
        lifegpt::LifeGptModel model(grid, c);
        model.net().init(std::uint64_t(grid * 100 + dim));
        compare(model, randomBoards(grid, 9, std::uint64_t(grid)));
    }

    void wrongBoardSizeIsRefused() {
        nn::TransformerConfig c;
        c.vocab = lifegpt::VocabSize;
        c.dim = 16;
        c.layers = 1;
        c.heads = 2;
        c.maxSeq = lifegpt::sequenceLength(4);
        lifegpt::LifeGptModel model(4, c);
        model.net().init(1);
        gpu::GpuLifeGpt g(model);
        QVERIFY_THROWS_EXCEPTION(util::Error, g.predict({life::Board(5, 5)}));
    }

private:
    std::unique_ptr<gpu::HeadlessContext> m_ctx;
};

QTEST_GUILESS_MAIN(TestGpuLifeGpt)
#include "TestGpuLifeGpt.moc"
