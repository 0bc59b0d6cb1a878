// `algoscope-cli lifegpt`: train a tiny model, evaluate it (JSON shape and bookkeeping), predict
// and roll out a board (RLE out, per-step JSON), and the errors: wrong grid size, missing or
// corrupt model, usage mistakes. Runs the real binary.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct Result {
    int exitCode = -1;
    QByteArray out, err;
};
Result runCli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("passive"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), QStringList{QStringLiteral("lifegpt")} + args);
    if (!p.waitForFinished(300000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
} // namespace

class TestLifeGptCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model;

private Q_SLOTS:
    void initTestCase() {
        m_model = m_dir.filePath(QStringLiteral("tiny.safetensors"));
        const Result r =
            runCli({"train", "--grid", "4", "--dim", "16", "--layers", "1", "--heads", "2",
                    "--steps", "20", "--batch", "4", "--seed", "3", "--quiet", "--out", m_model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("steps").toInt(), 20);
        QCOMPARE(j.value("grid").toInt(), 4);
        QVERIFY(j.value("final_loss").toDouble() > 0);
        QVERIFY(QFile::exists(m_model));
    }

    void evalReportsByDensity() {
        const Result r = runCli({"eval", "--model", m_model, "--boards", "20", "--seed", "5"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("boards").toInt(), 20);
        const double acc = j.value("cell_accuracy").toDouble();
        QVERIFY(acc >= 0 && acc <= 1);
        const QJsonArray bins = j.value("by_density").toArray();
        QCOMPARE(bins.size(), 10);
        QCOMPARE(bins[0].toObject().value("boards").toInt(), 2);
        QCOMPARE(bins[9].toObject().value("density_to").toDouble(), 1.0);
    }

    void gpuEvalAgreesWithCpu() {
        // The GPU decoder is the CPU's twin: the same boards right and wrong, bin by bin.
        const Result cpu = runCli({"eval", "--model", m_model, "--boards", "30", "--seed", "7"});
        const Result gpu = runCli(
            {"eval", "--model", m_model, "--boards", "30", "--seed", "7", "--engine", "gpu"});
        if (gpu.exitCode == 3)
            QSKIP("no OpenGL 4.3 context");
        QVERIFY2(cpu.exitCode == 0 && gpu.exitCode == 0, gpu.err.constData());
        const QJsonObject a = QJsonDocument::fromJson(cpu.out).object();
        const QJsonObject b = QJsonDocument::fromJson(gpu.out).object();
        QCOMPARE(b.value("engine").toString(), QStringLiteral("gpu"));
        QCOMPARE(b.value("cell_accuracy").toDouble(), a.value("cell_accuracy").toDouble());
        QCOMPARE(b.value("board_accuracy").toDouble(), a.value("board_accuracy").toDouble());
        QCOMPARE(b.value("by_density"), a.value("by_density"));
        QCOMPARE(runCli({"eval", "--model", m_model, "--engine", "tpu"}).exitCode, 2);
    }

    void predictWritesRleAndRollout() {
        const QString in = m_dir.filePath(QStringLiteral("blinker.rle"));
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x = 3, y = 1, rule = B3/S23\n3o!\n");
        f.close();
        const QString out = m_dir.filePath(QStringLiteral("out.rle"));
        const Result r = runCli(
            {"predict", "--model", m_model, "--in", in, "--steps", "3", "--out", out, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("cell_accuracy").toArray().size(), 3);
        QFile o(out);
        QVERIFY(o.open(QIODevice::ReadOnly));
        QVERIFY(o.readAll().contains("B3/S23:T4,4"));
    }

    void errors() {
        // A pattern larger than the model's grid.
        const QString big = m_dir.filePath(QStringLiteral("big.rle"));
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x = 6, y = 1, rule = B3/S23\n6o!\n");
        f.close();
        Result r = runCli({"predict", "--model", m_model, "--in", big, "--out",
                           m_dir.filePath(QStringLiteral("x.rle"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("6x1") && r.err.contains("4x4"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        // Not a model.
        r = runCli({"eval", "--model", big});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        // Usage.
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"train", "--grid", "4"}).exitCode, 2);
        QCOMPARE(runCli({"train", "--grid", "1", "--out", big}).exitCode, 2);
        QCOMPARE(runCli({"train", "--grid", "4", "--dim", "10", "--heads", "4", "--out",
                         m_dir.filePath(QStringLiteral("y.safetensors"))})
                     .exitCode,
                 1); // 10 does not split into 4 heads of even size
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        QCOMPARE(runCli({"eval", "--model", m_model, "--boards", "0"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLifeGptCli)
#include "TestLifeGptCli.moc"
