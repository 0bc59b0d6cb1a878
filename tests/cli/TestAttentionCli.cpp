// `algoscope-cli na` as scripts use it: help everywhere, neighbourhoods as JSON (NATTEN's
// worked examples for L = 10), the forward pass on the NumPy fixtures of tests/attention/data
// (outputs of an independent NumPy implementation), raw scores, bad input as one line with exit
// 1, usage mistakes exit 2, GPU implementations without a context exit 3, bench JSON.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "attention/NaForward.h"

#include <cmath>

namespace {

struct Result {
    int code = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args, const QMap<QString, QString>& extraEnv = {}) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("passive"));
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), args);
    Result r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

bool isOneLineError(const QByteArray& err) {
    const QByteArray t = err.trimmed();
    return !t.isEmpty() && !t.contains('\n') && t.startsWith("algoscope-cli");
}

QString data(const QString& name) {
    return QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/attention/data/") + name;
}

QList<int> intsOf(const QJsonArray& a) {
    QList<int> v;
    for (const auto& x : a)
        v.push_back(x.toInt());
    return v;
}

} // namespace

class TestAttentionCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void help_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("na") << QStringList{"na", "--help"};
        QTest::newRow("run") << QStringList{"na", "run", "--help"};
        QTest::newRow("neighbors") << QStringList{"na", "neighbors", "--help"};
        QTest::newRow("bench") << QStringList{"na", "bench", "--help"};
    }
    void help() {
        QFETCH(QStringList, args);
        const Result r = runCli(args);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Usage"));
    }

    // NATTEN's worked examples (L = 10) through the CLI.
    void neighbors1d_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("query");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("k3 q0") << QStringList{"--kernel", "3"} << 0 << QList<int>{0, 1, 2};
        QTest::newRow("k4 q3") << QStringList{"--kernel", "4"} << 3 << QList<int>{1, 2, 3, 4};
        QTest::newRow("k3 d3 q7") << QStringList{"--kernel", "3", "--dilation", "3"} << 7
                                  << QList<int>{1, 4, 7};
        QTest::newRow("k3 d2 causal q4")
            << QStringList{"--kernel", "3", "--dilation", "2", "--causal", "1"} << 4
            << QList<int>{0, 2, 4};
        QTest::newRow("k4 s2 q5") << QStringList{"--kernel", "4", "--stride", "2"} << 5
                                  << QList<int>{3, 4, 5, 6};
        QTest::newRow("k4 s4 q9") << QStringList{"--kernel", "4", "--stride", "4"} << 9
                                  << QList<int>{6, 7, 8, 9};
    }
    void neighbors1d() {
        QFETCH(QStringList, options);
        QFETCH(int, query);
        QFETCH(QList<int>, expected);
        const Result r = runCli(
            QStringList{"na", "neighbors", "--size", "10", "--query", QString::number(query)} +
            options);
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonArray qs = o["queries"].toArray();
        QCOMPARE(qs.size(), 1);
        QCOMPARE(qs[0].toObject()["query"].toInt(), query);
        QCOMPARE(intsOf(qs[0].toObject()["neighbors"].toArray()), expected);
    }

    void neighbors2dAndInverse() {
        Result r = runCli({"na", "neighbors", "--size", "5,6", "--kernel", "3", "--query", "0,5"});
        QCOMPARE(r.code, 0);
        QJsonArray nb = QJsonDocument::fromJson(r.out)
                            .object()["queries"]
                            .toArray()[0]
                            .toObject()["neighbors"]
                            .toArray();
        QCOMPARE(nb.size(), 9); // shifted inward at the corner, never padded
        QCOMPARE(intsOf(nb[0].toArray()), (QList<int>{0, 3}));
        QCOMPARE(intsOf(nb[8].toArray()), (QList<int>{2, 5}));
        // Inverse of key 0 with k = 3 on L = 10: queries 0 and 1 (their windows are [0, 3)).
        r = runCli(
            {"na", "neighbors", "--size", "10", "--kernel", "3", "--query", "0", "--inverse"});
        QCOMPARE(r.code, 0);
        const QJsonObject k0 =
            QJsonDocument::fromJson(r.out).object()["keys"].toArray()[0].toObject();
        QCOMPARE(intsOf(k0["seen_by"].toArray()), (QList<int>{0, 1}));
        // Every query when --query is left out.
        r = runCli({"na", "neighbors", "--size", "4,4", "--kernel", "3"});
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["queries"].toArray().size(), 16);
    }

    void runOnFixtures_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("impl");
        QTest::newRow("c2d fused") << "c2d" << QStringList{"--kernel", "3,4", "--dilation", "2,1",
                                                           "--stride", "1,2", "--causal",   "0,1"}
                                   << "fused";
        QTest::newRow("c2d gemm") << "c2d" << QStringList{"--kernel", "3,4", "--dilation", "2,1",
                                                          "--stride", "1,2", "--causal",   "0,1"}
                                  << "gemm";
        QTest::newRow("c1d rpb naive")
            << "c1d"
            << QStringList{"--kernel", "5", "--dilation", "2", "--rpb", data("c1d_rpb.npy")}
            << "naive";
        QTest::newRow("c2d_rpb reference")
            << "c2d_rpb"
            << QStringList{"--kernel", "3",  "--dilation", "1,2", "--rpb", data("c2d_rpb_rpb.npy"),
                           "--scale",  "0.3"}
            << "reference";
    }
    void runOnFixtures() {
        QFETCH(QString, name);
        QFETCH(QStringList, options);
        QFETCH(QString, impl);
        QTemporaryDir dir;
        const QString out = dir.path() + "/out.npy";
        const Result r = runCli(QStringList{"na", "run", "--q", data(name + "_q.npy"), "--k",
                                            data(name + "_k.npy"), "--v", data(name + "_v.npy"),
                                            "--impl", impl, "--out", out} +
                                options);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["impl"].toString(), impl);
        using namespace algoscope::attention;
        const Tensor got = readTensorNpy(out.toStdString(), "out");
        const Tensor want = readTensorNpy(data(name + "_out.npy").toStdString(), "want");
        QCOMPARE(got.shape, want.shape);
        for (std::size_t i = 0; i < got.data.size(); ++i)
            QVERIFY2(
                std::abs(got.data[i] - want.data[i]) < 3e-5,
                qPrintable(
                    QString("element %1: %2 vs %3").arg(i).arg(got.data[i]).arg(want.data[i])));
    }

    void scoresOut() {
        QTemporaryDir dir;
        const QString out = dir.path() + "/o.npy", sc = dir.path() + "/s.npy";
        const Result r = runCli({"na",           "run",
                                 "--q",          data("c1d_even_causal_q.npy"),
                                 "--k",          data("c1d_even_causal_k.npy"),
                                 "--v",          data("c1d_even_causal_v.npy"),
                                 "--kernel",     "4",
                                 "--dilation",   "3",
                                 "--stride",     "2",
                                 "--causal",     "1",
                                 "--impl",       "gemm",
                                 "--out",        out,
                                 "--scores-out", sc});
        QVERIFY2(r.code == 0, r.err.constData());
        using namespace algoscope::attention;
        const Tensor s = readTensorNpy(sc.toStdString(), "scores");
        // [batch 2, heads 1, L 13, k 4]; query 0 is alone in its causal window.
        QCOMPARE(s.shape, (std::vector<std::int64_t>{2, 1, 13, 4}));
        QVERIFY(std::isfinite(s.data[0]));
        QVERIFY(std::isinf(s.data[1]) && s.data[1] < 0);
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString q = data("c2d_q.npy");
        QTest::newRow("no subcommand") << QStringList{"na"} << 2 << "missing subcommand";
        QTest::newRow("unknown subcommand") << QStringList{"na", "fly"} << 2 << "unknown";
        QTest::newRow("missing kernel")
            << QStringList{"na", "neighbors", "--size", "10"} << 2 << "--kernel";
        QTest::newRow("bad kernel")
            << QStringList{"na", "neighbors", "--size", "10", "--kernel", "x"} << 2 << "--kernel";
        QTest::newRow("k*d > L") << QStringList{"na",       "neighbors", "--size",     "10",
                                                "--kernel", "4",         "--dilation", "3"}
                                 << 1 << "exceeds the length";
        QTest::newRow("stride > k")
            << QStringList{"na", "neighbors", "--size", "10", "--kernel", "3", "--stride", "4"} << 1
            << "stride";
        QTest::newRow("query outside")
            << QStringList{"na", "neighbors", "--size", "10", "--kernel", "3", "--query", "10"} << 1
            << "outside";
        QTest::newRow("wrong axis count")
            << QStringList{"na", "neighbors", "--size", "10,10", "--kernel", "3,3,3"} << 1
            << "one per axis";
        QTest::newRow("unknown impl")
            << QStringList{"na", "run",      "--q", q,        "--k",   q,       "--v",
                           q,    "--kernel", "3",   "--impl", "magic", "--out", "/tmp/x.npy"}
            << 2 << "unknown implementation";
        QTest::newRow("mismatched k")
            << QStringList{"na",  "run", "--q",      q,   "--k",   data("c3d_k.npy"),
                           "--v", q,     "--kernel", "3", "--out", "/tmp/x.npy"}
            << 1 << "same shape";
        QTest::newRow("not npy") << QStringList{"na",       "run", "--q",   data("cases.txt"),
                                                "--k",      q,     "--v",   q,
                                                "--kernel", "3",   "--out", "/tmp/x.npy"}
                                 << 1 << "q (";
        QTest::newRow("rpb with even k")
            << QStringList{"na",    "run",       "--q",      q,   "--k",   q,
                           "--v",   q,           "--kernel", "4", "--rpb", data("c1d_rpb.npy"),
                           "--out", "/tmp/x.npy"}
            << 1 << "odd kernel";
        QTest::newRow("scores from fused") << QStringList{"na",           "run",
                                                          "--q",          q,
                                                          "--k",          q,
                                                          "--v",          q,
                                                          "--kernel",     "3",
                                                          "--impl",       "fused",
                                                          "--out",        "/tmp/x.npy",
                                                          "--scores-out", "/tmp/s.npy"}
                                           << 1 << "no score tensor";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(isOneLineError(r.err), r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void gpuWithoutContextExits3() {
        const QString q = data("c2d_q.npy");
        QTemporaryDir dir;
        const Result r = runCli({"na", "run", "--q", q, "--k", q, "--v", q, "--kernel", "3",
                                 "--impl", "gpu-fused", "--out", dir.path() + "/o.npy"},
                                {{"ALGOSCOPE_DISABLE_GPU", "1"}});
        QCOMPARE(r.code, 3);
        QVERIFY2(isOneLineError(r.err), r.err.constData());
    }

    void benchJson() {
        const Result r =
            runCli({"na", "bench", "--size", "20,21", "--kernel", "5", "--dilation", "2", "--impls",
                    "naive,gemm,fused,masked-gemm", "--reps", "1", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(o["agree"].toBool());
        const QJsonArray results = o["results"].toArray();
        QCOMPARE(results.size(), 4);
        for (const auto& x : results) {
            const QJsonObject row = x.toObject();
            QVERIFY(row["seconds"].toDouble() > 0);
            QVERIFY(row["useful_gflops"].toDouble() > 0);
        }
        QCOMPARE(results[2].toObject()["score_bytes"].toDouble(), 0.0); // fused
        QVERIFY(results[1].toObject()["score_bytes"].toDouble() > 0.0); // gemm
    }
};

QTEST_GUILESS_MAIN(TestAttentionCli)
#include "TestAttentionCli.moc"
