// PARI/GP as a peer: certified simple-CF terms of pi, e, sqrt(2), zeta(3), Catalan, log 2, e^2 and
// tan(1) against PARI/GP 2.15's contfrac() at 3000 digits (fixtures made by
// tests/contfrac/data/make_fixtures.sh; the test does not need gp). When gp is installed, a live
// comparison on a fresh precision runs as well.
#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace algoscope::contfrac;

namespace {

QStringList readFixture(const QString& name) {
    QFile f(QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/contfrac/data/pari_") + name +
            QStringLiteral(".txt"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll()).trimmed().split(',');
}

} // namespace

class TestPariFixtures : public QObject {
    Q_OBJECT
private slots:
    void agreesWithPari_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("expression");
        QTest::newRow("pi") << "pi"
                            << "pi";
        QTest::newRow("e") << "e"
                           << "e";
        QTest::newRow("sqrt2") << "sqrt2"
                               << "sqrt(2)";
        QTest::newRow("zeta3") << "zeta3"
                               << "zeta(3)";
        QTest::newRow("catalan") << "catalan"
                                 << "catalan";
        QTest::newRow("log2") << "log2"
                              << "log2";
        QTest::newRow("e2") << "e2"
                            << "exp(2)";
        QTest::newRow("tan1") << "tan1"
                              << "tan(1)";
    }
    void agreesWithPari() {
        QFETCH(QString, fixture);
        QFETCH(QString, expression);
        const QStringList pari = readFixture(fixture);
        QVERIFY2(pari.size() >= 800, qPrintable("missing fixture " + fixture));
        ExpandOptions o;
        o.terms = std::size_t(pari.size());
        const CfExpansion r = expandCertified(ConstantExpr::parse(expression.toStdString()), o);
        QVERIFY(r.complete);
        QCOMPARE(r.terms.size(), std::size_t(pari.size()));
        for (int i = 0; i < pari.size(); ++i)
            QVERIFY2(r.terms[std::size_t(i)].get_str() == pari[i].toStdString(),
                     qPrintable(QString("term %1: ours %2, PARI %3")
                                    .arg(i)
                                    .arg(QString::fromStdString(r.terms[std::size_t(i)].get_str()))
                                    .arg(pari[i])));
    }

    // Optional live check with gp at another precision (skipped without gp).
    void liveGp() {
        const QString gp = QStandardPaths::findExecutable(QStringLiteral("gp"));
        if (gp.isEmpty())
            QSKIP("gp (PARI/GP) not installed");
        QProcess p;
        p.start(gp, {QStringLiteral("-q"), QStringLiteral("-f")});
        p.write("default(realprecision, 700); v = contfrac(Pi); "
                "print(strjoin(apply(x->Str(x), v[1..600]), \",\"));\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        const QStringList pari =
            QString::fromLatin1(p.readAllStandardOutput()).trimmed().split(',');
        QCOMPARE(pari.size(), 600);
        ExpandOptions o;
        o.terms = 600;
        const CfExpansion r = expandCertified(ConstantExpr::parse("pi"), o);
        for (int i = 0; i < 600; ++i)
            QCOMPARE(QString::fromStdString(r.terms[std::size_t(i)].get_str()), pari[i]);
    }
};

QTEST_GUILESS_MAIN(TestPariFixtures)
#include "TestPariFixtures.moc"
