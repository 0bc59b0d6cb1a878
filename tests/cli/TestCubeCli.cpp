// `algoscope-cli cube`: scrambles, the optimal 2x2x2 solver (its solution replayed here with an
// independent parse), and the errors (bad notation names the token, usage mistakes exit 2).
#include "cube/Cube.h"
#include "cube/QNetwork.h"

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
    p.start(QStringLiteral(ALGOSCOPE_CLI), QStringList{QStringLiteral("cube")} + args);
    if (!p.waitForFinished(120000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
} // namespace

using namespace algoscope;

class TestCubeCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scrambleAndSolve() {
        Result r = runCli({"scramble", "--size", "2", "--moves", "11", "--seed", "4"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString scramble =
            QJsonDocument::fromJson(r.out).object().value("scramble").toString();
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("length_qtm").toInt(), 11);
        r = runCli({"solve", "--size", "2", "--scramble", scramble, "--method", "optimal"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QVERIFY(j.value("solved").toBool());
        QVERIFY(j.value("length_qtm").toInt() <= 11); // never longer than the scramble
        QCOMPARE(j.value("length_qtm").toInt(), j.value("optimal_length").toInt());
        // Replay independently.
        cube::Cube c(2);
        c.apply(cube::parseMoves(scramble.toStdString(), 2));
        c.apply(cube::parseMoves(j.value("solution").toString().toStdString(), 2));
        QVERIFY(c.isSolvedUpToRotation());
        // A one-move scramble is solved in one move.
        r = runCli({"solve", "--size", "2", "--scramble", "R", "--method", "optimal"});
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("length_qtm").toInt(), 1);
        r = runCli(
            {"solve", "--size", "2", "--scramble", "R2", "--method", "optimal", "--metric", "htm"});
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("length_htm").toInt(), 1);
    }

    void trainAndSearchWithTheNetwork() {
        QTemporaryDir dir;
        const QString model = dir.filePath("q.safetensors");
        Result r = runCli({"train", "--size", "2", "--steps", "30", "--batch", "32", "--hidden1",
                           "32", "--hidden2", "16", "--blocks", "1", "--quiet", "--out", model});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("steps").toInt(), 30);
        // Even an undertrained network finds a one-move solution; both searches report nodes.
        for (const char* method : {"qstar", "astar"}) {
            r = runCli({"solve", "--size", "2", "--scramble", "R'", "--method", method, "--model",
                        model, "--lambda", "1"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QJsonObject j = QJsonDocument::fromJson(r.out).object();
            QVERIFY(j.value("solved").toBool());
            QVERIFY(j.value("nodes_generated").toInt() >= 1);
            QVERIFY(j.value("network_calls").toInt() >= 1);
        }
        // The comparison table: both methods on the same scrambles, JSON rows.
        r = runCli({"compare", "--model", model, "--scrambles", "3", "--depth", "2", "--batches",
                    "1,10", "--lambdas", "1", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 4); // 2 batches x 1 lambda x 2 methods
        for (const QJsonValue& v : rows) {
            QCOMPARE(v.toObject().value("scrambles").toInt(), 3);
            QVERIFY(v.toObject().contains("fraction_optimal"));
        }
        QCOMPARE(runCli({"compare", "--model", model, "--batches", "x"}).exitCode, 2);
        // --per-state: every state's own result, which the summary's counts agree with.
        r = runCli({"compare", "--model", model, "--scrambles", "3", "--depth", "2", "--batches",
                    "10", "--lambdas", "1", "--methods", "qstar", "--json", "--per-state"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject row = QJsonDocument::fromJson(r.out).array().at(0).toObject();
        const QJsonArray perState = row.value("states").toArray();
        QCOMPARE(perState.size(), 3);
        int solved = 0;
        for (const QJsonValue& v : perState) {
            solved += v.toObject().value("solved").toBool();
            QCOMPARE(v.toObject().value("stickers").toString().size(), 24);
        }
        QCOMPARE(solved, row.value("solved").toInt());
        QCOMPARE(runCli({"compare", "--model", model, "--per-state"}).exitCode, 2);
        // --init continues training from that network: its trunk sizes win over the defaults,
        // its record is kept, and one step with a zero learning rate leaves it unchanged
        // (the weights really came from the file, not a fresh initialisation).
        const QString more = dir.filePath("q2.safetensors");
        r = runCli({"train", "--size", "2", "--steps", "1", "--batch", "8", "--lr", "1e-7",
                    "--quiet", "--init", model, "--out", more});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const cube::QNetwork a = cube::QNetwork::load(model.toStdString());
        const cube::QNetwork b = cube::QNetwork::load(more.toStdString());
        QCOMPARE(b.net().config().hidden1, 32);
        QCOMPARE(b.net().config().blocks, 1);
        QCOMPARE(b.metadata().at("train.init"), model.toStdString());
        QCOMPARE(b.metadata().at("train.init.steps_done"), std::string("30"));
        const std::vector<std::vector<std::uint8_t>> probe{cube::Cube(2).stickers()};
        const double drift = (a.evaluate(probe) - b.evaluate(probe)).cwiseAbs().maxCoeff();
        QVERIFY2(drift < 1e-3, qPrintable(QString::number(drift)));
        // A network of another cube or action space is refused with a message, exit 1.
        r = runCli({"train", "--size", "3", "--steps", "1", "--quiet", "--init", model, "--out",
                    dir.filePath("q3.safetensors")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("2-cube with 12 actions"), r.err.constData());
        // A 2x2x2 model does not solve a 3x3x3.
        r = runCli(
            {"solve", "--size", "3", "--scramble", "R", "--method", "qstar", "--model", model});
        QCOMPARE(r.exitCode, 1);
    }

    void randomThreeByThreeStateAsStickers() {
        Result r = runCli({"scramble", "--size", "3", "--random-state", "--seed", "9"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QJsonDocument::fromJson(r.out).object().value("stickers").toString();
        QCOMPARE(text.size(), 54);
        for (QChar face : QStringLiteral("UDLRBF"))
            QCOMPARE(text.count(face), 9); // nine stickers of each colour
        // Solving it within a tiny node budget fails cleanly (exit 1, the reason given); the
        // state itself is accepted.
        r = runCli(
            {"solve", "--size", "3", "--stickers", text, "--method", "qstar", "--max-nodes", "50"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("stop_reason").toString(),
                 QStringLiteral("node limit"));
        // The solved cube with one edge flipped (U(2,1) and F(0,1) exchanged) is refused.
        QString flipped = QStringLiteral("UUUUUUUUU") + "DDDDDDDDD" + "LLLLLLLLL" + "RRRRRRRRR" +
                          "BBBBBBBBB" + "FFFFFFFFF";
        std::swap(flipped[7], flipped[45 + 1]);
        r = runCli({"solve", "--size", "3", "--stickers", flipped, "--method", "qstar"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("flipped"), r.err.constData());
    }

    void randomStateIsAtItsDistance() {
        const Result r = runCli({"scramble", "--size", "2", "--random-state", "--seed", "9"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("length_qtm").toInt(), j.value("distance_qtm").toInt());
        QVERIFY(j.value("distance_qtm").toInt() <= 14); // God's number, quarter turns
    }

    void shippedNetworksSolve_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("actions");
        QTest::newRow("2x2x2 RC(12)") << "2"
                                      << "12";
        QTest::newRow("2x2x2 RC(156)") << "2"
                                       << "156";
        QTest::newRow("2x2x2 RC(1884)") << "2"
                                        << "1884";
        QTest::newRow("3x3x3 RC(12)") << "3"
                                      << "12";
    }
    void shippedNetworksSolve() {
        // Every shipped network loads and solves a short scramble (the CLI replays the
        // solution; a corrupt or mislabelled model file fails here).
        QFETCH(QString, size);
        QFETCH(QString, actions);
        const Result r = runCli({"solve", "--size", size, "--actions", actions, "--scramble",
                                 "R U' F", "--method", "qstar", "--lambda", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QVERIFY(j.value("solved").toBool());
        QCOMPARE(j.value("actions").toInt(), actions.toInt());
        QVERIFY2(j.value("model").toString().endsWith(
                     QStringLiteral("cube-%1-rc%2.safetensors").arg(size, actions)),
                 r.out.constData());
        QVERIFY(j.value("length_qtm").toInt() >= 3);
    }

    void errors() {
        Result r = runCli({"solve", "--size", "2", "--scramble", "R U Q"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'Q'"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(runCli({}).exitCode, 2);
        // No --model: the shipped network for the size and --actions, when one ships.
        r = runCli({"solve", "--size", "3", "--scramble", "R", "--actions", "156"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no network ships"), r.err.constData());
        r = runCli({"solve", "--size", "2", "--scramble", "R", "--method", "qstar"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("cube-2-rc12.safetensors"), r.out.constData());
        QCOMPARE(runCli({"solve", "--size", "2", "--scramble", "R", "--method", "magic"}).exitCode,
                 2);
        r = runCli({"solve", "--size", "2", "--scramble", "R", "--method", "qstar", "--model",
                    "/nonexistent.safetensors"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(runCli({"scramble", "--size", "4"}).exitCode, 2);
        QCOMPARE(runCli({"scramble", "--size", "3", "--random-state", "--moves", "5"}).exitCode, 2);
        QCOMPARE(runCli({"solve", "--size", "3", "--scramble", "R", "--stickers",
                         "UUUUUUUUUDDDDDDDDDLLLLLLLLLRRRRRRRRRBBBBBBBBBFFFFFFFFF"})
                     .exitCode,
                 2); // one state, not two
    }
};

QTEST_GUILESS_MAIN(TestCubeCli)
#include "TestCubeCli.moc"
