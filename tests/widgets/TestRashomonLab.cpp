// The Rashomon lab as a user drives it: open it (Iris, trees of depth <= 3, counted off the GUI
// thread), move the theta slider (numbers and plots update from the kept counts, one merged
// undo step), undo, switch to MONK-1 at depth 3 and compare with the counts the core tests
// verify by brute force (66522 trees of 5960518126 at theta 0.05, MONK-1's reference values),
// browse and export trees, and export every plot.
#include "LabRegistry.h"
#include "MainWindow.h"
#include "PlotView.h"
#include "TaskRunner.h"
#include "rashomon/RashomonCommands.h"
#include "rashomon/RashomonLab.h"
#include "rashomon/RashomonModel.h"
#include "rashomon/RashomonPanels.h"
#include "rashomon/RashomonTreeView.h"

#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace algoscope;
using namespace algoscope::ui;

class TestRashomonLab : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    RashomonLab* m_lab = nullptr;

    void edit(const std::function<void(RashomonSettings&)>& f) {
        RashomonSettings s = m_lab->model()->settings();
        f(s);
        m_lab->undoStack()->push(new SetRashomonSettingsCmd(m_lab->model(), s, "test edit"));
    }
    bool waitIdle() {
        QTest::qWait(50);
        return m_lab->taskRunner()->waitForIdle(120000) &&
               QTest::qWaitFor([this] { return m_lab->isIdle(); }, 120000);
    }
    template <class T> T* panel() const { return m_window->findChild<T*>(); }

private Q_SLOTS:
    void initTestCase() {
        qputenv("OMP_WAIT_POLICY", "passive");
        m_window = std::make_unique<MainWindow>(m_dir.filePath(QStringLiteral("s.ini")), false);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(findLab(QStringLiteral("rashomon")));
        QVERIFY(m_window->switchToLab(QStringLiteral("rashomon")));
        m_lab = qobject_cast<RashomonLab*>(m_window->currentLab());
        QVERIFY(m_lab);
        QVERIFY(waitIdle());
    }
    void cleanupTestCase() { m_window.reset(); }

    void opensWithACountedSpace() {
        const RashomonModel* m = m_lab->model();
        QVERIFY(m->hasResult());
        QCOMPARE(m->settings().dataset, QStringLiteral("iris"));
        QVERIFY(m->result().counter);
        QVERIFY(m->log10Ratio() < 0);
        QCOMPARE(int(m->result().learners.size()), 4);
        QVERIFY(!m->result().curve.points.empty());
        QVERIFY(!m->trees().empty());
        QVERIFY(m_lab->dataPlot()->plot()->graphCount() >= 3); // one scatter per class
        auto* settings = panel<RashomonSettingsPanel>();
        QVERIFY(settings);
        QVERIFY(settings->ratioLabel()->text().contains(QStringLiteral("log10")));
    }

    void thetaSliderUpdatesLiveAndUndoes() {
        auto* settings = panel<RashomonSettingsPanel>();
        const double before = m_lab->model()->log10Ratio();
        const int undoBefore = m_lab->undoStack()->count();
        // Drag: several values, one merged undo step, no recount.
        settings->thetaSlider()->setValue(80);
        settings->thetaSlider()->setValue(120);
        settings->thetaSlider()->setValue(150);
        QVERIFY(!m_lab->taskRunner()->isBusy());
        QCOMPARE(m_lab->model()->settings().theta, 0.15);
        QVERIFY(m_lab->model()->log10Ratio() > before);
        QCOMPARE(m_lab->undoStack()->count(), undoBefore + 1);
        m_lab->undoStack()->undo();
        QCOMPARE(m_lab->model()->settings().theta, 0.05);
        QCOMPARE(m_lab->model()->log10Ratio(), before);
        QCOMPARE(settings->thetaSlider()->value(), 50);
    }

    void monkOneMatchesTheExactCounts() {
        edit([](RashomonSettings& s) {
            s.dataset = QStringLiteral("monk1");
            s.depth = 3;
            s.testFraction = 0;
            s.theta = 0.05;
            s.featureX = 0;
            s.featureY = 7;
        });
        QVERIFY(waitIdle());
        const RashomonModel* m = m_lab->model();
        QCOMPARE(m->result().counter->bestErrors(), 11);
        QCOMPARE(m->result().counter->spaceSize().get_str(), std::string("5960518126"));
        QCOMPARE(m->setSizeText(), QStringLiteral("66522"));
        // The curve with its elbow at depth 5 (the reference sheet's MONK-1 remark).
        const auto& c = m->result().curve;
        QCOMPARE(int(c.points.size()), 7);
        QVERIFY(c.elbow >= 0);
        QCOMPARE(c.points[std::size_t(c.elbow)].depth, 5);
        // Undo returns to Iris and recounts it.
        m_lab->undoStack()->undo();
        QVERIFY(waitIdle());
        QCOMPARE(m_lab->model()->settings().dataset, QStringLiteral("iris"));
        QCOMPARE(int(m_lab->model()->result().train.cols()), 4);
    }

    void smallSetsAreListedWhole() {
        edit([](RashomonSettings& s) {
            s.dataset = QStringLiteral("monk1");
            s.depth = 1;
            s.testFraction = 0;
            s.theta = 0;
        });
        QVERIFY(waitIdle());
        QVERIFY(m_lab->model()->treesAreWholeSet());
        QCOMPARE(int(m_lab->model()->trees().size()), 1);
        QVERIFY(m_lab->model()->patternRatio().has_value());
        auto* trees = panel<RashomonTreesPanel>();
        QVERIFY(trees);
        QCOMPARE(trees->list()->count(), 1);
        const QString path = m_dir.filePath(QStringLiteral("trees.txt"));
        QString error;
        QVERIFY2(trees->exportText(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("33 training errors"));
        QVERIFY(text.contains("if a5_1:"));
        m_lab->undoStack()->undo();
        QVERIFY(waitIdle());
    }

    void treesDrawAsDiagrams() {
        // MONK-1, trees of depth <= 2, theta 0.05: the 8 trees with 22..28 errors (of 23278;
        // bench/rashomon/rashomon_baseline.py counts them independently). The
        // selected tree is drawn as a node-link diagram: its counts add up (every training point
        // reaches one leaf; the leaves' wrong points are the tree's errors, counted here by a
        // walk of our own), parents sit above their children, "yes" left of "no", no boxes
        // overlap, and it exports as PNG, SVG (with the feature and class names as text) and PDF.
        edit([](RashomonSettings& s) {
            s.dataset = QStringLiteral("monk1");
            s.depth = 2;
            s.testFraction = 0;
            s.theta = 0.05;
        });
        QVERIFY(waitIdle());
        auto* trees = panel<RashomonTreesPanel>();
        QVERIFY(trees && trees->diagram());
        QVERIFY(m_lab->model()->treesAreWholeSet());
        QCOMPARE(trees->list()->count(), 8);
        const auto& data = m_lab->model()->result().counter->data();
        for (int row = 0; row < trees->list()->count(); ++row) {
            trees->list()->setCurrentRow(row);
            const rashomon::Tree& t = trees->diagram()->tree();
            QCOMPARE(t.key(), m_lab->model()->trees()[std::size_t(row)].key());
            const auto stats = t.nodeStats(data);
            int points = 0, wrong = 0;
            for (std::size_t i = 0; i < t.nodes.size(); ++i)
                if (t.nodes[i].feature < 0) {
                    points += stats[i].points;
                    wrong += stats[i].wrong;
                } else {
                    QCOMPARE(stats[i].points, stats[std::size_t(t.nodes[i].yes)].points +
                                                  stats[std::size_t(t.nodes[i].no)].points);
                }
            int errors = 0;
            for (std::size_t r = 0; r < data.rows(); ++r) {
                int i = 0;
                while (t.nodes[std::size_t(i)].feature >= 0)
                    i = data.bits[r * data.cols() + std::size_t(t.nodes[std::size_t(i)].feature)]
                            ? t.nodes[std::size_t(i)].yes
                            : t.nodes[std::size_t(i)].no;
                errors += t.nodes[std::size_t(i)].label != data.y[r];
            }
            QCOMPARE(points, int(data.rows()));
            QCOMPARE(wrong, errors);
            QVERIFY(errors >= 22 && errors <= 28);
            const QList<QRectF> rects = trees->diagram()->nodeRects(QSizeF(800, 500));
            QCOMPARE(rects.size(), int(t.nodes.size()));
            for (int i = 0; i < rects.size(); ++i) {
                QVERIFY(QRectF(0, 0, 800, 500).contains(rects[i]));
                for (int j = i + 1; j < rects.size(); ++j)
                    QVERIFY(!rects[i].intersects(rects[j]));
                const auto& nd = t.nodes[std::size_t(i)];
                if (nd.feature >= 0) {
                    QVERIFY(rects[nd.yes].top() > rects[i].bottom());
                    QVERIFY(rects[nd.no].top() > rects[i].bottom());
                    QVERIFY(rects[nd.yes].center().x() < rects[nd.no].center().x());
                }
            }
        }
        trees->list()->setCurrentRow(0);
        const rashomon::Tree& t = trees->diagram()->tree();
        QVERIFY(t.nodes[0].feature >= 0);
        ExportOptions o;
        o.size = QSize(900, 600);
        for (const char* ext : {"png", "svg", "pdf"}) {
            const QString path = m_dir.filePath(QStringLiteral("tree.%1").arg(ext));
            QString error;
            QVERIFY2(trees->diagram()->exportFigure(path, o, &error), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 500);
            if (qEnvironmentVariableIsSet("ALGOSCOPE_RASHOMON_PLOTS"))
                QFile::copy(path, qEnvironmentVariable("ALGOSCOPE_RASHOMON_PLOTS") +
                                      QStringLiteral("/rashomon-tree.%1").arg(ext));
        }
        QFile svg(m_dir.filePath(QStringLiteral("tree.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains(
            QByteArray::fromStdString(data.features[std::size_t(t.nodes[0].feature)].name)));
        QVERIFY(text.contains(QByteArray::fromStdString(data.classNames[0])) ||
                text.contains(QByteArray::fromStdString(data.classNames[1])));
        QVERIFY(text.contains("yes") && text.contains("no"));
        // The PNG shows the leaves in their class colours (not only black on white).
        QImage img(m_dir.filePath(QStringLiteral("tree.png")));
        QCOMPARE(img.size(), QSize(900, 600));
        int coloured = 0;
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3) {
                const QColor c = img.pixelColor(x, y);
                coloured +=
                    std::abs(c.red() - c.blue()) > 40 || std::abs(c.green() - c.blue()) > 40;
            }
        QVERIFY(coloured > 100);
        // Nothing to draw: a clear message, no file.
        RashomonTreeView empty;
        QString error;
        QVERIFY(!empty.exportFigure(m_dir.filePath(QStringLiteral("none.png")), o, &error));
        QVERIFY(error.contains(QStringLiteral("no tree")));
        m_lab->undoStack()->undo();
        QVERIFY(waitIdle());
    }

    void plotsExport() {
        for (PlotView* v :
             {m_lab->dataPlot(), m_lab->thetaPlot(), m_lab->curvePlot(), m_lab->anglePlot()}) {
            const QString path = m_dir.filePath(v->exportName() + ".png");
            QString error;
            ExportOptions o;
            QVERIFY2(v->exportFigure(path, o, &error), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 1000);
            const QByteArray csv = v->dataAsCsv();
            QVERIFY(csv.count('\n') > 2);
            if (qEnvironmentVariableIsSet("ALGOSCOPE_RASHOMON_PLOTS"))
                QFile::copy(path, qEnvironmentVariable("ALGOSCOPE_RASHOMON_PLOTS") + "/" +
                                      v->exportName() + ".png");
        }
    }

    void badCsvKeepsThePreviousState() {
        const QString path = m_dir.filePath(QStringLiteral("bad.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,c\n1,2,0\n3,x,1\n");
        f.close();
        QSignalSpy status(m_lab, &Lab::statusMessage);
        edit([path](RashomonSettings& s) { s.dataset = path; });
        QVERIFY(waitIdle());
        QVERIFY(m_lab->model()->hasResult()); // the previous result stays
        QVERIFY(QTest::qWaitFor([&] { return status.count() > 0; }, 5000));
        QVERIFY(status.last().at(0).toString().contains(QStringLiteral("line 3, column 2")));
        m_lab->undoStack()->undo();
        QVERIFY(waitIdle());
    }
};

QTEST_MAIN(TestRashomonLab)
#include "TestRashomonLab.moc"
