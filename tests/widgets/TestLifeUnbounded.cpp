// The Life lab's unbounded plane as a user drives it: choose the topology "unbounded", load the
// period-52 glider gun (Golly's file, committed in tests/life/data/hashlife), set the step to
// 2^40 and press Step, read generation and population with thousands separators (bgolly 3.3:
// 105,722,272,794 at 2^40, the Life reference's figure), fit the pattern, zoom, go to a
// generation, and switch back to the bounded torus, which still runs.
#include "LabRegistry.h"
#include "MainWindow.h"
#include "Panel.h"
#include "TaskRunner.h"
#include "life/LifeCanvas.h"
#include "life/LifeLab.h"
#include "life/LifeModel.h"
#include "life/LifeUniverse.h"
#include "life/LifeUniverseView.h"

#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

namespace {
const QString kGun =
    QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/life/data/hashlife/period-52-glider-gun.rle");
}

class TestLifeUnbounded : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    LifeLab* m_lab = nullptr;

    void setTopology(life::Topology t) {
        LifeSettings s = m_lab->model()->settings();
        s.topology = t;
        m_lab->model()->setSettings(s);
    }
    QString labelText(const char* name) {
        // The read-outs refresh only while their panel is shown (tabbed-away panels wait).
        // Floated so that it has a visible region whatever the dock layout.
        if (auto* panel = m_window->findChild<Panel*>(QStringLiteral("life.unbounded"))) {
            if (!panel->isFloating()) {
                panel->setFloating(true);
                panel->resize(420, 600);
            }
            panel->show();
            panel->raise();
            QCoreApplication::processEvents();
        }
        auto* l = m_window->findChild<QLabel*>(QString::fromLatin1(name));
        return l ? l->text() : QString();
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
    }

    void gunToTwoToTheForty() {
        setTopology(life::Topology::Unbounded);
        QVERIFY(m_lab->universeView()->isVisible());
        QVERIFY(!m_lab->canvas()->isVisible());
        QString error;
        QVERIFY2(m_lab->universe()->openFile(kGun, &error), qPrintable(error));
        m_lab->universe()->setStepExponent(40);
        m_lab->stepOnce();
        QVERIFY(m_lab->taskRunner()->waitForIdle(60000));
        QCOMPARE(m_lab->universe()->hashLife().generation().get_str(),
                 std::string("1099511627776"));
        QTRY_COMPARE(labelText("life.unbounded.generation"), QStringLiteral("1,099,511,627,776"));
        QTRY_COMPARE(labelText("life.unbounded.population"), QStringLiteral("105,722,272,794"));
        QVERIFY(labelText("life.unbounded.nodes").contains("nodes"));
        QVERIFY(labelText("life.unbounded.hitRate").contains("%"));

        // Fit: the whole stream of gliders (2^38 cells across) is in view, drawn bright.
        m_lab->universeView()->fitPattern();
        QVERIFY(m_lab->universeView()->zoom() > 20); // 2^38 cells on ~2^10 pixels
        const QImage img = m_lab->universeView()->renderToImage();
        QVERIFY(!img.isNull());
        int lit = 0;
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2)
                lit += qGreen(img.pixel(x, y)) > 60;
        QVERIFY2(lit > 20, qPrintable(QString::number(lit)));
        // Opt-in screenshot of the whole window (docs, reviews):
        // ALGOSCOPE_SCREENSHOT=/tmp/unbounded.png test_widgets_LifeUnbounded
        if (const QByteArray path = qgetenv("ALGOSCOPE_SCREENSHOT"); !path.isEmpty()) {
            if (auto* panel = m_window->findChild<Panel*>(QStringLiteral("life.unbounded")))
                panel->setFloating(false);
            QTest::qWait(200);
            m_window->grab().save(QString::fromLocal8Bit(path));
        }
        // File > Export figure exports the view on screen: the quadtree view, not the hidden
        // bounded canvas.
        QCOMPARE(m_lab->defaultExportable(), static_cast<Exportable*>(m_lab->universeView()));
        const QString png = m_dir.filePath(QStringLiteral("unbounded.png"));
        QVERIFY2(m_lab->defaultExportable()->exportFigure(png, ExportOptions(), &error),
                 qPrintable(error));
        QVERIFY(!QImage(png).isNull());
        m_lab->universeView()->setZoom(-3);
        QCOMPARE(m_lab->universeView()->zoom(), -3);
    }

    void goToGeneration() {
        QString error;
        QVERIFY(!m_lab->universe()->goTo(QStringLiteral("5"), &error)); // in the past
        QVERIFY(error.contains("past"));
        QVERIFY(!m_lab->universe()->goTo(QStringLiteral("1e12"), &error));
        QVERIFY(m_lab->universe()->goTo(QStringLiteral("2^41"), &error));
        QVERIFY(m_lab->taskRunner()->waitForIdle(60000));
        QTRY_COMPARE(labelText("life.unbounded.generation"), QStringLiteral("2,199,023,255,552"));
    }

    void b0RuleFallsBackToTorus() {
        setTopology(life::Topology::Torus);
        LifeSettings s = m_lab->model()->settings();
        s.rule = QStringLiteral("B0/S8");
        m_lab->model()->setSettings(s);
        setTopology(life::Topology::Unbounded);
        QCOMPARE(m_lab->model()->settings().topology, life::Topology::Torus);
        s = m_lab->model()->settings();
        s.rule = QStringLiteral("B3/S23");
        m_lab->model()->setSettings(s);
    }

    void boundedModeStillRuns() {
        setTopology(life::Topology::Torus);
        QVERIFY(m_lab->canvas()->isVisible());
        m_lab->model()->loadBoard(life::Board::fromText(".....\n..O..\n..O..\n..O..\n....."));
        m_lab->stepOnce();
        QVERIFY(m_lab->taskRunner()->waitForIdle(60000));
        QCOMPARE(m_lab->model()->generation(), std::uint64_t(1));
        QCOMPARE(m_lab->model()->population(), std::uint64_t(3));
        QVERIFY(m_lab->model()->board().get(1, 2)); // the blinker turned horizontal
    }
};

QTEST_MAIN(TestLifeUnbounded)
#include "TestLifeUnbounded.moc"
