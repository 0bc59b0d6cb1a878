// `algoscope-cli rashomon` as scripts use it: JSON fields and values (MONK-1 counts checked by
// the brute-force-verified core, |F| against its closed form), exit codes and one-line errors.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Result {
    int code = -1;
    bool crashed = false;
    QByteArray out, err;
};

Result runCli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("passive"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), QStringList{QStringLiteral("rashomon")} + args);
    Result r;
    if (!p.waitForFinished(300000))
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

QJsonObject json(const Result& r) {
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestRashomonCli : public QObject {
    Q_OBJECT

private slots:
    void treesPrintsExactCounts() {
        const Result r = runCli({"trees", "--data", "monk1", "--depth", "3", "--theta", "0.05"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(j["n"].toInt(), 124);
        QCOMPARE(j["p"].toInt(), 11);
        QCOMPARE(j["best_errors"].toInt(), 11);
        // |F| = T(3) with T(0) = 2, T(d) = 2 + 11 T(d-1)^2: 46, 23278, 5960518126.
        QCOMPARE(j["space_size"].toString(), QStringLiteral("5960518126"));
        QCOMPARE(j["set_size"].toString(), QStringLiteral("66522"));
        QVERIFY(std::abs(j["ratio"].toDouble() - 66522.0 / 5960518126.0) < 1e-12);
        QVERIFY(j.contains("pattern_ratio"));
        QVERIFY(j.contains("seconds"));
    }

    void thetaListGivesOneResultEach() {
        const Result r = runCli({"trees", "--data", "monk1", "--depth", "2", "--space",
                                 "full-depth", "--theta-list", "0,0.05,0.1"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        // Complete depth-2 trees: 11^3 * 2^4 = 21296.
        QCOMPARE(j["space_size"].toString(), QStringLiteral("21296"));
        const QJsonArray res = j["results"].toArray();
        QCOMPARE(res.size(), 3);
        double last = -1e300;
        for (const auto& v : res) {
            const double lr = v.toObject()["log10_ratio"].toDouble();
            QVERIFY(lr >= last); // the set grows with theta
            last = lr;
        }
    }

    void csvFileWithClassByName() {
        QTemporaryDir dir;
        const QString path = dir.filePath("t.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("label,a,b\nyes,1,0\nno,0,1\nyes,1,1\nno,0,0\n");
        f.close();
        const Result r = runCli({"trees", "--data", path, "--class", "label", "--depth", "1"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(j["best_errors"].toInt(), 0); // a splits the classes exactly
        QCOMPARE(j["n"].toInt(), 4);
    }

    void linearPrintsInterval() {
        const Result r = runCli({"linear", "--data", "breast_cancer", "--theta", "0.05",
                                 "--samples", "20000", "--seed", "3"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(j["samples"].toInt(), 20000);
        QVERIFY(j["ci_low"].toDouble() <= j["ratio"].toDouble());
        QVERIFY(j["ratio"].toDouble() <= j["ci_high"].toDouble());
        QCOMPARE(j["ratio"].toDouble(), j["hits"].toDouble() / 20000.0);
        QCOMPARE(j["device"].toString(), QStringLiteral("cpu"));
    }

    void curveAndLearners() {
        Result r = runCli({"curve", "--data", "monk1", "--max-depth", "5"});
        QCOMPARE(r.code, 0);
        QJsonObject j = json(r);
        QCOMPARE(j["points"].toArray().size(), 5);
        QVERIFY(j.contains("elbow_depth"));
        r = runCli({"learners", "--data", "iris", "--depth", "2"});
        QCOMPARE(r.code, 0);
        j = json(r);
        QCOMPARE(j["learners"].toArray().size(), 4);
        QVERIFY(j["log10_ratio"].toDouble() < 0);
    }

    void sampleAllAndLimit() {
        Result r = runCli({"sample", "--data", "monk1", "--depth", "1", "--all"});
        QCOMPARE(r.code, 0);
        QCOMPARE(json(r)["trees"].toArray().size(), 1);
        r = runCli({"sample", "--data", "monk1", "--depth", "3", "--all", "--limit", "10"});
        QCOMPARE(r.code, 1);
        QVERIFY(isOneLineError(r.err));
        QVERIFY(r.err.contains("66522"));
    }

    void errorsAndExitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no data") << QStringList{"trees", "--depth", "2"} << 2 << "missing --data";
        QTest::newRow("no depth") << QStringList{"trees", "--data", "iris"} << 2 << "--depth";
        QTest::newRow("bad space")
            << QStringList{"trees", "--data", "iris", "--depth", "2", "--space", "deep"} << 2
            << "max-depth or full-depth";
        QTest::newRow("bad theta list")
            << QStringList{"trees", "--data", "iris", "--depth", "2", "--theta-list", "0.1,x"} << 2
            << "--theta-list";
        QTest::newRow("unknown option") << QStringList{"trees", "--dpth", "2"} << 2 << "dpth";
        QTest::newRow("unknown sub") << QStringList{"forest"} << 2 << "unknown subcommand";
        QTest::newRow("missing file")
            << QStringList{"trees", "--data", "/nonexistent.csv", "--depth", "1"} << 1
            << "nonexistent";
        QTest::newRow("too deep") << QStringList{"trees", "--data", "iris", "--depth", "11"} << 2
                                  << "--depth";
        QTest::newRow("multiclass linear")
            << QStringList{"linear", "--data", "iris", "--samples", "10"} << 1 << "two classes";
        QTest::newRow("bad binarize")
            << QStringList{"trees", "--data", "iris", "--depth", "1", "--binarize", "deciles"} << 2
            << "quantiles";
    }
    void errorsAndExitCodes() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QVERIFY(!r.crashed);
        QCOMPARE(r.code, code);
        QVERIFY2(isOneLineError(r.err), r.err.constData());
        QVERIFY2(QString(r.err).contains(message), r.err.constData());
    }

    void malformedCsvNamesLineAndColumn() {
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,c\n1,2,0\n3,oops,1\n");
        f.close();
        const Result r = runCli({"trees", "--data", path, "--depth", "1"});
        QCOMPARE(r.code, 1);
        QVERIFY(isOneLineError(r.err));
        QVERIFY2(r.err.contains("line 3, column 2"), r.err.constData());
    }

    void helpEverywhere() {
        for (const char* sub : {"trees", "linear", "curve", "learners", "sample", "datasets"}) {
            const Result r = runCli({sub, "--help"});
            QCOMPARE(r.code, 0);
            QVERIFY(r.out.contains("Usage"));
        }
        const Result r = runCli({"--help"});
        QCOMPARE(r.code, 0);
    }
};

QTEST_GUILESS_MAIN(TestRashomonCli)
#include "TestRashomonCli.moc"
