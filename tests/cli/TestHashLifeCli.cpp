// `algoscope-cli life run --unbounded` as scripts use it: JSON with exact big integers as decimal
// strings, Macrocell output that reads back, exit codes and one-line messages. Expected figures
// are bgolly 3.3's (HashLife), from the Life reference: the period-52 gun at 2^40 has population
// 105,722,272,794; the rake breeder at 2^20 2,291,657,242; the LWSS breeder at 2^40
// 414,015,691,858,581,233,637 (beyond 64 bits).
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kDir = QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/life/data/hashlife/");

struct Result {
    int code = -1;
    bool crashed = false;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Result runCli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("passive"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), args);
    Result r;
    if (!p.waitForFinished(120000))
        return r;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

bool isOneLineError(const QByteArray& err) {
    const QByteArray t = err.trimmed();
    return !t.isEmpty() && !t.contains('\n') && t.startsWith("algoscope-cli");
}

} // namespace

class TestHashLifeCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bgollyFigures_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("generations");
        QTest::addColumn<QString>("generation");
        QTest::addColumn<QString>("population");
        QTest::newRow("gun 2^40") << "period-52-glider-gun.rle"
                                  << "2^40"
                                  << "1099511627776"
                                  << "105722272794";
        QTest::newRow("rake breeder 2^20 decimal") << "rake-breeder.rle"
                                                   << "1048576"
                                                   << "1048576"
                                                   << "2291657242";
        QTest::newRow("LWSS breeder 2^40") << "LWSS-breeder.rle"
                                           << "1099511627776"
                                           << "1099511627776"
                                           << "414015691858581233637";
    }
    void bgollyFigures() {
        QFETCH(QString, file);
        QFETCH(QString, generations);
        QFETCH(QString, generation);
        QFETCH(QString, population);
        const Result r = runCli(
            {"life", "run", "--in", kDir + file, "--unbounded", "--generations", generations});
        QCOMPARE(r.code, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j["generation"].toString(), generation);
        QCOMPARE(j["population"].toString(), population);
        QCOMPARE(j["topology"].toString(), QStringLiteral("unbounded"));
        QCOMPARE(j["engine"].toString(), QStringLiteral("hashlife"));
        QVERIFY(j["nodes"].toDouble() > 0);
        QVERIFY(j["memory_bytes"].toDouble() > 0);
        QVERIFY(j["bounding_box"].isObject());
        QVERIFY(!j["bounding_box"].toObject()["width"].toString().isEmpty());
    }

    void macrocellRoundTripAndEngines() {
        QTemporaryDir dir;
        const QString mc = dir.filePath("gun.mc.gz");
        Result r = runCli({"life", "run", "--in", kDir + "period-52-glider-gun.rle", "--unbounded",
                           "--generations", "2^30", "--out", mc});
        QCOMPARE(r.code, 0);
        const QString pop30 = r.json()["population"].toString();
        // A Macrocell input implies --unbounded; --step splits the run into jumps.
        r = runCli({"life", "run", "--in", mc, "--generations", "1000", "--step", "2^3"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["generation"].toString(), QStringLiteral("1073742824"));
        const QString viaSteps = r.json()["population"].toString();
        QVERIFY(viaSteps != pop30);
        // The bitpacked engine on a growing board agrees with HashLife.
        r = runCli({"life", "run", "--in", kDir + "rake-breeder.rle", "--unbounded",
                    "--generations", "3000", "--engine", "bitpacked"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json()["engine"].toString(), QStringLiteral("bitpacked"));
        const Result h = runCli({"life", "run", "--in", kDir + "rake-breeder.rle", "--unbounded",
                                 "--generations", "3000", "--engine", "hashlife"});
        QCOMPARE(h.json()["population"], r.json()["population"]);
        QCOMPARE(h.json()["bounding_box"], r.json()["bounding_box"]);
        // RLE output of an unbounded pattern reads back to the same population.
        const QString rle = dir.filePath("rake.rle");
        r = runCli({"life", "run", "--in", kDir + "rake-breeder.rle", "--unbounded",
                    "--generations", "500", "--out", rle});
        QCOMPARE(r.code, 0);
        const Result back =
            runCli({"life", "run", "--in", rle, "--unbounded", "--generations", "0"});
        QCOMPARE(back.json()["population"], r.json()["population"]);
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString gun = kDir + "period-52-glider-gun.rle";
        QTest::newRow("B0 rule") << QStringList{"life", "run",         "--in",
                                                gun,    "--unbounded", "--generations",
                                                "10",   "--rule",      "B0/S8"}
                                 << 1 << "B0";
        QTest::newRow("bad count")
            << QStringList{"life", "run", "--in", gun, "--unbounded", "--generations", "1e9"} << 2
            << "--generations";
        QTest::newRow("grid rule")
            << QStringList{"life", "run",    "--in",         gun, "--unbounded", "--generations",
                           "1",    "--rule", "B3/S23:T64,64"}
            << 1 << "bounded grid";
        QTest::newRow("unknown engine")
            << QStringList{"life",          "run", "--in",     gun,        "--unbounded",
                           "--generations", "1",   "--engine", "quicklife"}
            << 2 << "--engine";
        QTest::newRow("torus and unbounded")
            << QStringList{"life",        "run",     "--in",          gun,
                           "--unbounded", "--torus", "--generations", "1"}
            << 2 << "--torus";
        QTest::newRow("step zero")
            << QStringList{"life",          "run", "--in",   gun, "--unbounded",
                           "--generations", "8",   "--step", "0"}
            << 2 << "--step";
        QTest::newRow("memory too small")
            << QStringList{"life",      "run",         "--random", "0.5",      "--size",
                           "4096x4096", "--unbounded", "--engine", "hashlife", "--generations",
                           "2^8",       "--memory",    "4"}
            << 1 << "memory limit";
        QTest::newRow("malformed mc")
            << QStringList{"life",        "run",           "--in", kDir + "populations.txt",
                           "--unbounded", "--generations", "1"}
            << 1 << "populations.txt";
        QTest::newRow("step without unbounded")
            << QStringList{"life", "run", "--in", gun, "--generations", "1", "--step", "2"} << 2
            << "--unbounded";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QVERIFY(!r.crashed);
        QCOMPARE(r.code, code);
        QVERIFY2(isOneLineError(r.err), r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void helpMentionsUnbounded() {
        const Result r = runCli({"life", "run", "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("--unbounded"));
        QVERIFY(r.out.contains("hashlife"));
        QVERIFY(r.out.contains("Macrocell"));
    }
};

QTEST_GUILESS_MAIN(TestHashLifeCli)
#include "TestHashLifeCli.moc"
