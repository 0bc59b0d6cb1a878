// `algoscope-cli figures` (issue: figure gallery): every lab's figures are listed, the Life
// methuselah figure is computed and written as PNG, SVG and PDF with its CSV data and caption,
// and the data agree with LifeWiki's facts about these patterns. Runs the real CLI binary.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

namespace {
struct Result {
    int exitCode = -1;
    QByteArray out, err;
};
Result runCli(const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // the figures must not need a display
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), args);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
} // namespace

class TestFigures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsFiguresAsJson() {
        const Result r = runCli({QStringLiteral("figures"), QStringLiteral("--list")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QVERIFY(!list.isEmpty());
        QStringList ids;
        for (const QJsonValue& v : list) {
            const QJsonObject o = v.toObject();
            QVERIFY(!o.value("title").toString().isEmpty());
            QVERIFY(!o.value("caption").toString().isEmpty());
            QVERIFY2(!ids.contains(o.value("id").toString()), "figure ids must be unique");
            ids << o.value("id").toString();
        }
        QVERIFY(ids.contains(QStringLiteral("life-methuselah-population")));
    }

    void badArgumentsAreUsageErrors() {
        Result r = runCli({QStringLiteral("figures"), QStringLiteral("--out"), QDir::tempPath(),
                           QStringLiteral("--format"), QStringLiteral("gif")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith("algoscope-cli figures: "));
        QCOMPARE(r.err.count('\n'), 1);
        r = runCli({QStringLiteral("figures"), QStringLiteral("--lab"), QStringLiteral("nope"),
                    QStringLiteral("--out"), QDir::tempPath()});
        QCOMPARE(r.exitCode, 2);
        r = runCli({QStringLiteral("figures"), QStringLiteral("--only"), QStringLiteral("nope"),
                    QStringLiteral("--out"), QDir::tempPath()});
        QCOMPARE(r.exitCode, 2);
    }

    void lifeFigureMatchesLifeWiki() {
        QTemporaryDir dir;
        const QString index = dir.filePath(QStringLiteral("gallery.md"));
        const Result r =
            runCli({QStringLiteral("figures"), QStringLiteral("--lab"), QStringLiteral("life"),
                    QStringLiteral("--only"), QStringLiteral("life-methuselah-population"),
                    QStringLiteral("--format"), QStringLiteral("all"), QStringLiteral("--out"),
                    dir.path(), QStringLiteral("--index"), index});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString stem = dir.filePath(QStringLiteral("life-methuselah-population"));
        QImage png(stem + QStringLiteral(".png"));
        QVERIFY(!png.isNull());
        QVERIFY(png.width() >= 800);
        QFile svg(stem + QStringLiteral(".svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QFile pdf(stem + QStringLiteral(".pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QFile caption(stem + QStringLiteral(".txt"));
        QVERIFY(caption.open(QIODevice::ReadOnly));
        const QByteArray text = caption.readAll();
        QVERIFY(text.contains("Made by: algoscope-cli figures --lab life"));
        QFile md(index);
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(md.readAll().contains("](life-methuselah-population.png)"));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("figures.json"))));

        // The data: series,generation,population.
        QFile csv(stem + QStringLiteral(".csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        std::map<QByteArray, std::map<int, int>> pop;
        csv.readLine();
        while (!csv.atEnd()) {
            const QList<QByteArray> f = csv.readLine().trimmed().split(',');
            QCOMPARE(f.size(), 3);
            pop[f[0]][f[1].toInt()] = f[2].toInt();
        }
        // LifeWiki: the R-pentomino stabilises at generation 1103 with 116 cells (including six
        // gliders); acorn at generation 5206 with 633 cells; diehard vanishes after 130.
        QCOMPARE(pop["R-pentomino"][0], 5);
        QCOMPARE(pop["R-pentomino"][1103], 116);
        QCOMPARE(pop["R-pentomino"][1400], 116);
        QCOMPARE(pop["Acorn"][0], 7);
        QCOMPARE(pop["Acorn"][5206], 633);
        QCOMPARE(pop["Diehard"][129] > 0, true);
        QCOMPARE(pop["Diehard"][130], 0);
        QVERIFY(text.contains("R-pentomino stable from generation 1103 with 116 cells"));
    }
};

QTEST_GUILESS_MAIN(TestFigures)
#include "TestFigures.moc"
