// The continued-fractions lab as a user drives it: open it, expand a constant (edits go through
// the undo stack and recompute off the GUI thread), undo, run the ESMA search and pick a result,
// and type a PCF whose limit the lab recognises. Expected values are the lab's reference facts:
// e = [2; 1, 2, 1, 1, 4, 1, 1, 6, ...] (A003417), pi = [3; 7, 15, 1, 292, ...] (A001203),
// e - 1 = 2 - 1/(3 + 1/(2 - ...)) found by ESMA, Apery's PCF -> 6/zeta(3).
#include "LabRegistry.h"
#include "MainWindow.h"
#include "PlotView.h"
#include "TaskRunner.h"
#include "contfrac/ContfracCommands.h"
#include "contfrac/ContfracFormulaView.h"
#include "contfrac/ContfracLab.h"
#include "contfrac/ContfracModel.h"

#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace algoscope;
using namespace algoscope::ui;

class TestContfracLab : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    ContfracLab* m_lab = nullptr;

    void edit(const std::function<void(ContfracSettings&)>& f) {
        ContfracSettings s = m_lab->model()->settings();
        f(s);
        m_lab->undoStack()->push(new SetContfracSettingsCmd(m_lab->model(), s, "test edit"));
    }
    bool waitIdle() {
        // Let a scheduled recompute start, then wait for the worker.
        QTest::qWait(50);
        return m_lab->taskRunner()->waitForIdle(120000) &&
               QTest::qWaitFor([this] { return m_lab->isIdle(); }, 120000);
    }
    QString firstTerms(int n) const {
        QStringList t;
        const auto& rows = m_lab->model()->rows();
        for (int i = 0; i < n && i < rows.size(); ++i)
            t << rows[i].term;
        return t.join(',');
    }

private Q_SLOTS:
    void initTestCase() {
        m_window = std::make_unique<MainWindow>(m_dir.filePath(QStringLiteral("s.ini")), false);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(findLab(QStringLiteral("contfrac")));
        QVERIFY(m_window->switchToLab(QStringLiteral("contfrac")));
        m_lab = qobject_cast<ContfracLab*>(m_window->currentLab());
        QVERIFY(m_lab);
        QVERIFY(waitIdle());
    }

    void expandsOnOpen() {
        // Default constant e: its certified terms, a convergence curve, the formula drawn.
        QCOMPARE(firstTerms(9), QStringLiteral("2,1,2,1,1,4,1,1,6"));
        QVERIFY(m_lab->model()->convergence().contains(QStringLiteral("simple")));
        QVERIFY(m_lab->convergencePlot()->plot()->graphCount() >= 1);
        // The first activation also runs the default ESMA search and shows its fastest
        // conjecture (largest speed-up over the simple CF).
        const int sel = m_lab->model()->selectedConjecture();
        QVERIFY(sel >= 0);
        const auto& c = m_lab->model()->conjectures()[std::size_t(sel)].conjecture;
        for (const auto& o : m_lab->model()->conjectures())
            QVERIFY(o.conjecture.rateRatio() <= c.rateRatio());
        QVERIFY(c.rateRatio() > 1.5); // e - 1 alone gives 104.5 / 62.2 (reference table)
        QCOMPARE(m_lab->formulaView()->formula().lhs, QString::fromStdString(c.lhs));
        QVERIFY(m_lab->model()->convergence().contains(QStringLiteral("esma")));
    }

    void editUndoRedo() {
        const int before = m_lab->undoStack()->count();
        edit([](ContfracSettings& s) {
            s.constant = QStringLiteral("pi");
            s.terms = 30;
        });
        QCOMPARE(m_lab->undoStack()->count(), before + 1);
        QVERIFY(waitIdle());
        QCOMPARE(firstTerms(5), QStringLiteral("3,7,15,1,292"));
        QCOMPARE(m_lab->model()->rows().size(), 30);
        m_lab->undoStack()->undo();
        QCOMPARE(m_lab->model()->settings().constant, QStringLiteral("e"));
        QVERIFY(waitIdle());
        QCOMPARE(firstTerms(3), QStringLiteral("2,1,2"));
        m_lab->undoStack()->redo();
        QVERIFY(waitIdle());
        QCOMPARE(firstTerms(2), QStringLiteral("3,7"));
    }

    void signedExpansion() {
        edit([](ContfracSettings& s) {
            s.constant = QStringLiteral("e-1");
            s.signs = QStringLiteral("-,+");
            s.terms = 40;
        });
        QVERIFY(waitIdle());
        QCOMPARE(firstTerms(6), QStringLiteral("2,3,2,5,2,7"));
        const auto& conv = m_lab->model()->convergence();
        QVERIFY(conv.contains(QStringLiteral("signed")));
        // The signed CF converges faster than the simple one (reference: 104.5 vs 62.2 digits
        // after 60 terms; here both at 39).
        QVERIFY(conv[QStringLiteral("signed")].slope > conv[QStringLiteral("simple")].slope);
    }

    void esmaSearchAndSelect() {
        // The first activation already ran the default search; run a small one explicitly.
        edit([](ContfracSettings& s) {
            s.esmaConstant = QStringLiteral("e");
            s.esmaCoeff = 1;
            s.esmaMinPeriod = 2;
            s.esmaMaxPeriod = 2;
            s.esmaDepth = 60;
            s.esmaVerifyDigits = 60;
        });
        QVERIFY(waitIdle());
        m_lab->runEsma();
        QVERIFY(waitIdle());
        const auto& list = m_lab->model()->conjectures();
        QVERIFY(!list.empty());
        int em1 = -1;
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].conjecture.lhs == "e - 1")
                em1 = int(i);
        QVERIFY(em1 >= 0);
        m_lab->model()->selectConjecture(em1);
        QVERIFY(m_lab->model()->convergence().contains(QStringLiteral("esma")));
        QCOMPARE(m_lab->formulaView()->formula().lhs, QStringLiteral("e - 1"));
        QString error;
        const QString json = m_dir.filePath(QStringLiteral("c.json"));
        QVERIFY2(m_lab->exportConjectures(json, &error), qPrintable(error));
        QVERIFY(QFileInfo(json).size() > 100);
        QVERIFY(m_lab->exportConjectures(m_dir.filePath(QStringLiteral("c.tex")), &error));
    }

    void esmaCancel() {
        edit([](ContfracSettings& s) {
            s.esmaCoeff = 6;
            s.esmaMaxPeriod = 4;
        });
        QVERIFY(waitIdle());
        m_lab->runEsma();
        QTest::qWait(200);
        m_lab->taskRunner()->cancel();
        QVERIFY(m_lab->taskRunner()->waitForIdle(5000));
    }

    void pcfGuessesLimit() {
        edit([](ContfracSettings& s) {
            s.pcfA = QStringLiteral("(2n+1)(17n^2+17n+5)");
            s.pcfB = QStringLiteral("-(n+1)^6");
            s.pcfDepth = 80;
            s.pcfRt = false;
        });
        QVERIFY(waitIdle());
        const ContfracPcfResult& r = m_lab->model()->pcf();
        QVERIFY(r.value.startsWith(QStringLiteral("4.9914442354")));
        QCOMPARE(r.limit, QStringLiteral("6/zeta3"));
        QVERIFY(!r.blind);
        QVERIFY(r.digits > 200);
        // A malformed polynomial: an error in the status bar, the previous result stays usable.
        edit([](ContfracSettings& s) { s.pcfA = QStringLiteral("2n+"); });
        QVERIFY(waitIdle());
        QVERIFY(m_lab->model()->pcf().value.isEmpty());
    }

    void formulaExports() {
        QString error;
        const QString png = m_dir.filePath(QStringLiteral("f.png"));
        QVERIFY2(m_lab->formulaView()->exportFigure(png, {}, &error), qPrintable(error));
        QVERIFY(QFileInfo(png).size() > 1000);
        const QString svg = m_dir.filePath(QStringLiteral("f.svg"));
        QVERIFY2(m_lab->formulaView()->exportFigure(svg, {}, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestContfracLab)
#include "TestContfracLab.moc"
