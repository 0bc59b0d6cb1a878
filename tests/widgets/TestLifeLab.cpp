// The Life lab as a user drives it: place a library pattern, run it, draw and undo, open and
// save files (bad ones keep the board), switch engines mid-run, and see the canvas drawn.
// Expected values are facts about Life (LifeWiki), not outputs of our engines: a glider has 5
// cells and moves one cell diagonally every 4 generations; a blinker has period 2.
#include "GlFormat.h"
#include "LabRegistry.h"
#include "MainWindow.h"
#include "Panel.h"
#include "TaskRunner.h"
#include "life/LifeCanvas.h"
#include "life/LifeCommands.h"
#include "life/LifeLab.h"
#include "life/LifeModel.h"

#include "life/PatternLibrary.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

class TestLifeLab : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    LifeLab* m_lab = nullptr;

    void runAndWait(int generations) {
        LifeSettings s = m_lab->model()->settings();
        s.stepN = generations;
        m_lab->model()->setSettings(s);
        m_lab->stepN();
        QVERIFY(m_lab->taskRunner()->waitForIdle(60000));
    }

    void loadEmpty(int w, int h) {
        m_lab->model()->loadBoard(life::Board(std::uint64_t(w), std::uint64_t(h)));
    }

private Q_SLOTS:
    void initTestCase() {
        m_window = std::make_unique<MainWindow>(m_dir.filePath(QStringLiteral("s.ini")), false);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->switchToLab(QStringLiteral("life")));
        m_lab = qobject_cast<LifeLab*>(m_window->currentLab());
        QVERIFY(m_lab);
        QTRY_VERIFY(m_lab->canvas()->isGlReady());
    }

    void placeAndRunGlider() {
        loadEmpty(32, 32);
        const life::LibraryPattern& glider = life::PatternLibrary::instance().get("glider");
        m_lab->beginPlacement(glider.pattern.cells, QStringLiteral("glider"));
        QVERIFY(m_lab->canvas()->isPlacing());
        m_lab->canvas()->placeRequested(QPoint(5, 5));
        QVERIFY(!m_lab->canvas()->isPlacing());
        QCOMPARE(m_lab->model()->population(), std::uint64_t(5));
        const auto box0 = m_lab->model()->board().boundingBox();
        QVERIFY(box0);
        m_lab->model()->markStart();
        runAndWait(8);
        QCOMPARE(m_lab->model()->generation(), std::uint64_t(8));
        QCOMPARE(m_lab->model()->population(), std::uint64_t(5));
        const auto box1 = m_lab->model()->board().boundingBox();
        QVERIFY(box1);
        // c/4 diagonal: after 8 generations the same shape, moved by 2 cells in x and in y
        // (direction depends on the orientation of the library's glider: check the magnitude).
        QCOMPARE(std::abs(int(box1->x) - int(box0->x)), 2);
        QCOMPARE(std::abs(int(box1->y) - int(box0->y)), 2);
        m_lab->reset();
        QCOMPARE(m_lab->model()->generation(), std::uint64_t(0));
        QCOMPARE(m_lab->model()->board().boundingBox()->x, box0->x);
    }

    void drawUndoRedo() {
        loadEmpty(16, 16);
        m_lab->undoStack()->clear();
        LifeCanvas* canvas = m_lab->canvas();
        canvas->strokeStarted(QPoint(2, 2));
        canvas->strokeMoved(QPoint(6, 2)); // a line of 5 cells
        canvas->strokeFinished();
        QCOMPARE(m_lab->model()->population(), std::uint64_t(5));
        QCOMPARE(m_lab->undoStack()->count(), 1);
        m_lab->undoStack()->undo();
        QCOMPARE(m_lab->model()->population(), std::uint64_t(0));
        m_lab->undoStack()->redo();
        QCOMPARE(m_lab->model()->population(), std::uint64_t(5));
        // Starting a stroke on a live cell erases.
        canvas->strokeStarted(QPoint(4, 2));
        canvas->strokeFinished();
        QCOMPARE(m_lab->model()->population(), std::uint64_t(4));
    }

    void blinkerOscillatesAndStopWhenStable() {
        loadEmpty(10, 10);
        life::Board& b = m_lab->model()->mutableBoard();
        b.set(4, 5, true);
        b.set(5, 5, true);
        b.set(6, 5, true);
        m_lab->model()->notifyBoardEdited(QRect());
        LifeSettings s = m_lab->model()->settings();
        s.stopWhenStable = true;
        m_lab->model()->setSettings(s);
        runAndWait(50);
        QVERIFY(m_lab->model()->period().has_value());
        QCOMPARE(*m_lab->model()->period(), std::uint32_t(2));
        s.stopWhenStable = false;
        m_lab->model()->setSettings(s);
    }

    void selectionEdits() {
        loadEmpty(20, 20);
        m_lab->undoStack()->clear();
        life::Board& b = m_lab->model()->mutableBoard();
        for (int x = 2; x < 7; ++x)
            b.set(std::uint32_t(x), 3, true); // horizontal line of 5
        m_lab->model()->notifyBoardEdited(QRect());
        m_lab->model()->setSelection(QRect(2, 3, 5, 1));
        m_lab->transformSelection(0); // rotate: a vertical line of 5 at the selection's corner
        QCOMPARE(m_lab->model()->population(), std::uint64_t(5));
        QVERIFY(m_lab->model()->board().get(2, 3));
        QVERIFY(m_lab->model()->board().get(2, 7));
        QVERIFY(!m_lab->model()->board().get(3, 3));
        m_lab->clearSelection();
        QCOMPARE(m_lab->model()->population(), std::uint64_t(0));
        m_lab->undoStack()->undo();
        m_lab->undoStack()->undo();
        QCOMPARE(m_lab->model()->population(), std::uint64_t(5));
        QVERIFY(m_lab->model()->board().get(6, 3));
    }

    void openAndSaveFiles() {
        const QString good = m_dir.filePath(QStringLiteral("toad.rle"));
        {
            QFile f(good);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#N Toad\nx = 4, y = 2, rule = B3/S23:T12,10\n.3o$3o!\n");
        }
        QString error;
        QVERIFY2(m_lab->openPattern(good, &error), qPrintable(error));
        QCOMPARE(m_lab->model()->board().width(), 12u);
        QCOMPARE(m_lab->model()->board().height(), 10u);
        QCOMPARE(m_lab->model()->settings().topology, life::Topology::Torus);
        QCOMPARE(m_lab->model()->population(), std::uint64_t(6));

        // A malformed file: a clear error naming line and column, and the board is kept.
        const QString bad = m_dir.filePath(QStringLiteral("bad.rle"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x = 3, y = 1\noo?o!\n");
        }
        const life::Board before = m_lab->model()->board();
        QVERIFY(!m_lab->openPattern(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("line 2")), qPrintable(error));
        QVERIFY(m_lab->model()->board() == before);

        const QString saved = m_dir.filePath(QStringLiteral("saved.rle"));
        QVERIFY2(m_lab->savePattern(saved, &error), qPrintable(error));
        QVERIFY(m_lab->openPattern(saved, &error));
        QVERIFY(m_lab->model()->board() == before);
    }

    void badRuleKeepsOldRule() {
        auto* rule = m_window->findChild<QLineEdit*>(QStringLiteral("life.rule"));
        QVERIFY(rule);
        const QString old = m_lab->model()->settings().rule;
        rule->setText(QStringLiteral("B9/S23"));
        Q_EMIT rule->editingFinished();
        QCOMPARE(m_lab->model()->settings().rule, old);
        rule->setText(QStringLiteral("b36/s23"));
        Q_EMIT rule->editingFinished();
        QCOMPARE(m_lab->model()->settings().rule, QStringLiteral("B36/S23"));
        m_lab->undoStack()->undo();
        QCOMPARE(m_lab->model()->settings().rule, old);
    }

    void enginesAgreeThroughTheGui_data() {
        QTest::addColumn<QString>("engine");
        QTest::newRow("naive") << "naive";
        QTest::newRow("gpu") << "gpu";
    }
    void enginesAgreeThroughTheGui() {
        QFETCH(QString, engine);
        m_lab->model()->loadBoard(life::Board(100, 70));
        m_lab->randomSoup();
        const life::Board start = m_lab->model()->board();
        LifeSettings s = m_lab->model()->settings();
        s.engine = QStringLiteral("bitpacked");
        m_lab->model()->setSettings(s);
        runAndWait(37);
        const life::Board reference = m_lab->model()->board();
        m_lab->reset();
        QVERIFY(m_lab->model()->board() == start);
        s.engine = engine;
        m_lab->model()->setSettings(s);
        runAndWait(37);
        QCOMPARE(m_lab->model()->generation(), std::uint64_t(37));
        QVERIFY(m_lab->model()->board() == reference);
        s.engine = QStringLiteral("bitpacked");
        m_lab->model()->setSettings(s);
    }

    void playAndPause() {
        m_lab->model()->loadBoard(life::Board(64, 64));
        m_lab->randomSoup();
        m_lab->play();
        QTRY_VERIFY_WITH_TIMEOUT(m_lab->model()->generation() >= 5, 20000);
        m_lab->pause();
        QVERIFY(m_lab->taskRunner()->waitForIdle(10000));
        const std::uint64_t g = m_lab->model()->generation();
        QTest::qWait(200);
        QCOMPARE(m_lab->model()->generation(), g);
    }

    void bigBoardFramesArePicturedOffTheGuiThread() {
        // A 4096^2 soup playing: the simulation thread builds each frame's picture of the
        // visible cells, and the canvas uploads it instead of rebuilding it.
        m_lab->model()->loadBoard(life::Board(4096, 4096));
        m_lab->randomSoup();
        m_lab->canvas()->fitBoard();
        const std::uint64_t before = m_lab->canvas()->prerenderedFrames();
        m_lab->play();
        QTRY_VERIFY_WITH_TIMEOUT(m_lab->model()->generation() >= 6, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(m_lab->canvas()->prerenderedFrames() > before, 10000);
        m_lab->pause();
        QVERIFY(m_lab->taskRunner()->waitForIdle(20000));
        // The picture shown is the board's: a fresh frame of the same view, built here,
        // renders identically to the one shown.
        QTest::qWait(50); // the last result's frame is drawn
        const QSize pixels = m_lab->canvas()->size() * m_lab->canvas()->devicePixelRatioF();
        const QImage shown = m_lab->canvas()->renderToImage(pixels);
        m_lab->model()->notifyBoardEdited(QRect()); // rebuild on the GUI thread
        const QImage rebuilt = m_lab->canvas()->renderToImage(pixels);
        QCOMPARE(shown.size(), rebuilt.size());
        QVERIFY(shown == rebuilt);
    }

    void canvasDrawsAndExports() {
        m_lab->model()->loadBoard(life::Board(64, 64));
        m_lab->randomSoup();
        m_lab->canvas()->fitBoard();
        const QImage image = m_lab->canvas()->renderToImage(QSize(320, 320));
        QCOMPARE(image.size(), QSize(320, 320));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() >= 2, "canvas is blank");
        QString error;
        QVERIFY2(m_window->exportFigureTo(m_dir.filePath(QStringLiteral("canvas.png")),
                                          ExportOptions(), &error),
                 qPrintable(error));
    }

    void cleanupTestCase() { m_window.reset(); }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(preferredSurfaceFormat());
    QApplication app(argc, argv);
    TestLifeLab test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestLifeLab.moc"
