// The neighbourhood-attention lab as a user drives it: edit parameters through the panel (one
// undo step each), see NATTEN's reason for an invalid combination instead of a clamp, select a
// query by clicking the explorer, flip to the inverse view, the two ends of the mask (k = 1 is
// the diagonal, k = n full attention), counters for every implementation, a benchmark run on the
// task runner, and settings that survive save/restore. Expected neighbourhoods are NATTEN's
// worked examples (L = 10) and counts that follow from the definition.
#include "LabRegistry.h"
#include "MainWindow.h"
#include "Panel.h"
#include "TaskRunner.h"
#include "attention/AttentionBenchPanel.h"
#include "attention/AttentionCountersPanel.h"
#include "attention/AttentionExplorerView.h"
#include "attention/AttentionImageView.h"
#include "attention/AttentionLab.h"
#include "attention/AttentionMaskView.h"
#include "attention/AttentionModel.h"
#include "attention/SetAttentionSettingsCmd.h"

#include <QImage>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

class TestAttentionLab : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    AttentionLab* m_lab = nullptr;

    void set(const AttentionSettings& s) {
        m_lab->undoStack()->push(new SetAttentionSettingsCmd(m_lab->model(), s, "test"));
    }
    QSpinBox* spin(const QString& name) { return m_window->findChild<QSpinBox*>(name); }

private Q_SLOTS:
    void initTestCase() {
        m_window = std::make_unique<MainWindow>(m_dir.filePath(QStringLiteral("s.ini")), false);
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->switchToLab(QStringLiteral("attention")));
        m_lab = qobject_cast<AttentionLab*>(m_window->currentLab());
        QVERIFY(m_lab);
    }

    void panelEditsAreUndoable() {
        AttentionSettings s;
        s.rank = 1;
        s.size = {1, 10};
        s.kernel = {3, 3};
        set(s);
        QSpinBox* kernel = spin(QStringLiteral("attention.kernel.1"));
        QVERIFY(kernel);
        const int before = m_lab->undoStack()->count();
        kernel->setValue(4);
        QCOMPARE(m_lab->model()->settings().kernel[1], 4);
        QCOMPARE(m_lab->undoStack()->count(), before + 1);
        m_lab->undoStack()->undo();
        QCOMPARE(m_lab->model()->settings().kernel[1], 3);
        QCOMPARE(kernel->value(), 3); // the panel follows the model
    }

    // k*d > L is NATTEN-invalid: kept as typed, shown with the reason, and undo makes it valid.
    void invalidIsShownNotClamped() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 1;
        s.size = {1, 10};
        s.kernel = {3, 4};
        s.dilation = {1, 3};
        set(s);
        QCOMPARE(m_lab->model()->settings().kernel[1], 4);
        QVERIFY(!m_lab->model()->isValid());
        auto* status = m_window->findChild<QLabel*>(QStringLiteral("attention.status"));
        QVERIFY(status);
        QVERIFY2(status->text().contains("exceeds the length"), qPrintable(status->text()));
        QVERIFY(m_lab->maskView()->maskImage().isNull());
        QCOMPARE(m_lab->countersPanel()->table()->rowCount(), 0);
        m_lab->undoStack()->undo();
        QVERIFY(m_lab->model()->isValid());
    }

    // Clicking token 7 of a 1-D strip with k = 3, d = 3 selects it; its window is {1, 4, 7}
    // (NATTEN's worked example), which is the red row of the mask.
    void clickSelectsQuery() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 1;
        s.size = {1, 10};
        s.kernel = {3, 3};
        s.dilation = {1, 3};
        s.stride = {1, 1};
        s.causal = {false, false};
        s.inverse = false;
        set(s);
        AttentionExplorerView* view = m_lab->explorer();
        QTest::mouseClick(view, Qt::LeftButton, {}, view->cellCentre(0, 7).toPoint());
        QCOMPARE(m_lab->model()->settings().query[1], 7);
        QCOMPARE(attention::neighbors(m_lab->model()->sizes(), m_lab->model()->params(),
                                      m_lab->model()->selected()),
                 (std::vector<std::int64_t>{1, 4, 7}));
        const QImage& mask = m_lab->maskView()->maskImage();
        QCOMPARE(mask.size(), QSize(10, 10));
        for (int key = 0; key < 10; ++key) {
            const bool in = key == 1 || key == 4 || key == 7;
            QCOMPARE(mask.pixelColor(key, 7) != QColor(250, 250, 250), in);
        }
        // Hover overrides the selection without an undo step.
        const int steps = m_lab->undoStack()->count();
        QTest::mouseMove(view, view->cellCentre(0, 2).toPoint());
        QVERIFY(m_lab->model()->hover().has_value());
        QCOMPARE(m_lab->model()->focus(), std::vector<int>{2});
        QCOMPARE(m_lab->undoStack()->count(), steps);
    }

    // The two ends: k = 1 is the diagonal (density 1/n), k = n is full attention (density 1).
    void maskEnds() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 2;
        s.size = {6, 7};
        s.kernel = {1, 1};
        s.dilation = {1, 1};
        s.stride = {1, 1};
        s.causal = {false, false};
        set(s);
        QCOMPARE(m_lab->maskView()->maskImage().size(), QSize(42, 42));
        QCOMPARE(m_lab->maskView()->density(), 1.0 / 42);
        s.kernel = {6, 7};
        set(s);
        QCOMPARE(m_lab->maskView()->density(), 1.0);
        // Causal on both axes with full kernels: query (r, c) sees the (r+1)(c+1) up-left box.
        s.causal = {true, true};
        set(s);
        double expected = 0;
        for (int r = 0; r < 6; ++r)
            for (int c = 0; c < 7; ++c)
                expected += (r + 1) * (c + 1);
        QCOMPARE(m_lab->maskView()->density(), expected / (42.0 * 42.0));
    }

    void inverseView() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 1;
        s.size = {1, 10};
        s.kernel = {3, 3};
        s.dilation = {1, 1};
        s.causal = {false, false};
        s.query = {0, 0};
        s.inverse = true;
        set(s);
        // Key 0 is seen by queries 0 and 1 (both windows are [0, 3)).
        QCOMPARE(attention::inverseNeighbors(m_lab->model()->sizes(), m_lab->model()->params(),
                                             m_lab->model()->selected()),
                 (std::vector<std::int64_t>{0, 1}));
        s.inverse = false;
        set(s);
    }

    void counters() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 2;
        s.size = {16, 16};
        s.kernel = {5, 5};
        s.causal = {false, false};
        s.heads = 2;
        s.headDim = 8;
        set(s);
        QTableWidget* t = m_lab->countersPanel()->table();
        QCOMPARE(t->rowCount(), 6);
        // Useful MFLOP: 256 queries x 25 keys x 2 heads x 4 x 8 = 409600 FLOP.
        QCOMPARE(t->item(0, 0)->text().toDouble(), 0.4096);
        QCOMPARE(t->item(2, 2)->text().toDouble(), 0.0); // fused: no score tensor
        QVERIFY(t->item(1, 2)->text().toDouble() > 0);   // gemm: one
    }

    void benchmarkRuns() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 2;
        s.size = {12, 12};
        s.dilation = {1, 1};
        s.benchMaxKernel = 5;
        s.heads = 1;
        s.headDim = 8;
        set(s);
        m_lab->runBenchmark();
        QVERIFY(m_lab->taskRunner()->waitForIdle(120000));
        const auto& points = m_lab->model()->bench();
        QVERIFY(!points.isEmpty());
        QSet<int> kernels;
        QSet<QString> impls;
        for (const auto& p : points) {
            kernels.insert(p.kernel);
            impls.insert(p.impl);
            QVERIFY(p.ms > 0);
        }
        QCOMPARE(kernels, (QSet<int>{1, 3, 5}));
        QVERIFY(impls.contains("naive") && impls.contains("fused") && impls.contains("gemm"));
    }

    void cancelBenchmark() {
        AttentionSettings s = m_lab->model()->settings();
        s.size = {64, 64};
        s.benchMaxKernel = 31;
        s.heads = 4;
        s.headDim = 32;
        set(s);
        m_lab->runBenchmark();
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        m_lab->taskRunner()->cancel();
        QVERIFY(m_lab->taskRunner()->waitForIdle(5000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    }

    // The real-image heatmap: the bundled photo is loaded, the scores follow the setting on the
    // lab's image runner, the weights the view shows are core's (a softmax: they sum to 1, zero
    // outside the window), a click selects the query pixel (one undo step), the figure exports,
    // and a setting the image cannot take (k > 64 rows) is reported, not clamped.
    void imageHeatmap() {
        AttentionSettings s = m_lab->model()->settings();
        s.rank = 2;
        s.size = {24, 24};
        s.kernel = {7, 7};
        s.dilation = {1, 2};
        s.stride = {1, 1};
        s.causal = {false, false};
        set(s);
        QVERIFY(m_lab->imageRunner()->waitForIdle(10000));
        const auto a = m_lab->model()->imageAttention();
        QVERIFY2(a, qPrintable(m_lab->model()->imageError()));
        QCOMPARE(a->width, 96);
        QCOMPARE(a->height, 64);
        QCOMPARE(a->params.axes[1].dilation, 2);
        // A real photo, not a blank: its pixels vary.
        double mean = 0, var = 0;
        for (float c : a->image.rgb)
            mean += c;
        mean /= double(a->image.rgb.size());
        for (float c : a->image.rgb)
            var += (c - mean) * (c - mean);
        QVERIFY(std::sqrt(var / double(a->image.rgb.size())) > 0.05);

        AttentionImageView* view = m_lab->imageView();
        QVERIFY(view);
        view->parentWidget()->show();
        view->resize(900, 400);
        const int before = m_lab->undoStack()->count();
        QTest::mouseClick(view, Qt::LeftButton, {}, view->pixelCentre(20, 30).toPoint());
        QCOMPARE(m_lab->model()->settings().imageQuery, (std::array<int, 2>{20, 30}));
        QCOMPARE(m_lab->undoStack()->count(), before + 1);
        QTest::mouseMove(view, QPoint(1, 1)); // off the maps: the selection is shown
        QCOMPARE(view->shownQuery(), (std::array<int, 2>{20, 30}));
        const auto w = attention::neighborhoodWeights(*a, 20, 30);
        double sum = 0;
        int nonzero = 0;
        for (float x : w) {
            sum += x;
            nonzero += x > 0.0f;
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
        QCOMPARE(nonzero, 49);
        QVERIFY(w[std::size_t(20 * 96 + 30)] > 0.0f);  // the query sees itself (d = 2: same group)
        QVERIFY(w[std::size_t(20 * 96 + 31)] == 0.0f); // other dilation group along columns

        const QString png = m_dir.filePath(QStringLiteral("heatmap.png"));
        ExportOptions opt;
        opt.size = QSize(1200, 500);
        QString error;
        QVERIFY2(view->exportFigure(png, opt, &error), qPrintable(error));
        const QImage im(png);
        QCOMPARE(im.size(), QSize(1200, 500));

        s.size = {128, 128};
        s.kernel = {70, 7};
        set(s);
        QVERIFY(m_lab->imageRunner()->waitForIdle(10000));
        QVERIFY(!m_lab->model()->imageAttention());
        QVERIFY2(m_lab->model()->imageError().contains("70"),
                 qPrintable(m_lab->model()->imageError()));
        m_lab->undoStack()->undo();
        QVERIFY(m_lab->imageRunner()->waitForIdle(10000));
        QVERIFY(m_lab->model()->imageAttention());
    }

    void stateRoundTrip() {
        AttentionSettings s = m_lab->model()->settings();
        s.kernel = {5, 3};
        s.causal = {true, false};
        set(s);
        const QJsonObject saved = m_lab->saveState();
        QCOMPARE(AttentionSettings::fromJson(saved), m_lab->model()->settings());
        QJsonObject corrupt = saved;
        corrupt["size"] = QJsonArray{-5, 1e9};
        QCOMPARE(AttentionSettings::fromJson(corrupt).size, (std::array<int, 2>{1, 256}));
    }
};

QTEST_MAIN(TestAttentionLab)
#include "TestAttentionLab.moc"
