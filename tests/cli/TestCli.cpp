// algoscope-cli as scripts use it: exit codes, one-line messages on stderr, JSON on stdout,
// --help everywhere, and `gpu info` without an X server (DISPLAY unset).
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

Result runCli(const QStringList& args, const QMap<QString, QString>& extraEnv = {}) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // the CLI must never need an X server
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), args);
    Result r;
    if (!p.waitForFinished(300000))
        return r;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Errors are exactly one line on stderr, prefixed with the program name.
bool isOneLineError(const QByteArray& err) {
    const QByteArray t = err.trimmed();
    return !t.isEmpty() && !t.contains('\n') && t.startsWith("algoscope-cli");
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpAndVersion() {
        Result r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Usage: algoscope-cli"));
        QVERIFY(r.out.contains("gpu"));
        r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("algoscope-cli " ALGOSCOPE_VERSION));
    }

    void everyCommandHasHelp_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("gpu") << QStringList{QStringLiteral("gpu"), QStringLiteral("--help")};
        QTest::newRow("gpu info") << QStringList{QStringLiteral("gpu"), QStringLiteral("info"),
                                                 QStringLiteral("--help")};
        QTest::newRow("gpu selftest") << QStringList{
            QStringLiteral("gpu"), QStringLiteral("selftest"), QStringLiteral("--help")};
        QTest::newRow("gpu bench") << QStringList{QStringLiteral("gpu"), QStringLiteral("bench"),
                                                  QStringLiteral("--help")};
    }
    void everyCommandHasHelp() {
        QFETCH(QStringList, args);
        const Result r = runCli(args);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Usage"));
    }

    void badArguments_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("no command") << QStringList{} << 2;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2;
        QTest::newRow("gpu unknown subcommand")
            << QStringList{QStringLiteral("gpu"), QStringLiteral("fly")} << 2;
        QTest::newRow("gpu unknown option")
            << QStringList{QStringLiteral("gpu"), QStringLiteral("info"),
                           QStringLiteral("--colour")}
            << 2;
        QTest::newRow("bench bad size")
            << QStringList{QStringLiteral("gpu"), QStringLiteral("bench"),
                           QStringLiteral("--sizes"), QStringLiteral("12x")}
            << 2;
        QTest::newRow("bench missing value")
            << QStringList{QStringLiteral("gpu"), QStringLiteral("bench"), QStringLiteral("--reps")}
            << 2;
        QTest::newRow("bench bad op") << QStringList{QStringLiteral("gpu"), QStringLiteral("bench"),
                                                     QStringLiteral("--op"), QStringLiteral("sort")}
                                      << 2;
    }
    void badArguments() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Result r = runCli(args);
        QVERIFY(!r.crashed);
        QCOMPARE(r.code, code);
        if (!args.isEmpty())
            QVERIFY2(isOneLineError(r.err), r.err.constData());
    }

    void absurdSizeIsRefusedNotAllocated() {
        // 2^40 floats would need 4 TiB: refused up front with a message, never a crash.
        const Result r = runCli({QStringLiteral("gpu"), QStringLiteral("bench"),
                                 QStringLiteral("--sizes"), QStringLiteral("1099511627776")});
        QVERIFY(!r.crashed);
        QVERIFY(r.code == 1 || r.code == 2 || r.code == 3);
        QVERIFY2(isOneLineError(r.err), r.err.constData());
    }

    void gpuInfoWithoutDisplay() {
        const Result r = runCli({QStringLiteral("gpu"), QStringLiteral("info")});
        QVERIFY(!r.crashed);
        if (r.code == 3)
            QSKIP("no OpenGL 4.3 context on this machine");
        QCOMPARE(r.code, 0);
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
        QVERIFY2(e.error == QJsonParseError::NoError, qPrintable(e.errorString()));
        const QJsonObject o = doc.object();
        QCOMPARE(o.value(QStringLiteral("available")).toBool(), true);
        QVERIFY(!o.value(QStringLiteral("renderer")).toString().isEmpty());
        QVERIFY(o.value(QStringLiteral("gl_version")).toString().size() >= 3);
        QVERIFY(o.contains(QStringLiteral("limits")));
    }

    void noGpuGivesExitCode3() {
        for (const QString& sub : {QStringLiteral("info"), QStringLiteral("selftest")}) {
            const Result r =
                runCli({QStringLiteral("gpu"), sub},
                       {{QStringLiteral("ALGOSCOPE_DISABLE_GPU"), QStringLiteral("1")}});
            QVERIFY(!r.crashed);
            QCOMPARE(r.code, 3);
            QVERIFY2(isOneLineError(r.err), r.err.constData());
        }
    }

    void selftestPasses() {
        const Result r = runCli({QStringLiteral("gpu"), QStringLiteral("selftest")});
        if (r.code == 3)
            QSKIP("no OpenGL 4.3 context on this machine");
        QVERIFY2(r.code == 0, r.out.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("passed")).toBool(), true);
    }

    void exportFigureHeadless_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("svg") << "gpu.svg";
        QTest::newRow("pdf") << "gpu.pdf";
        QTest::newRow("png") << "gpu.png";
        QTest::newRow("csv") << "gpu.csv";
    }
    void exportFigureHeadless() {
        QFETCH(QString, name);
        if (!runCli({QStringLiteral("--help")}).out.contains("export"))
            QSKIP("this build has no widgets layer (no export command)");
        QTemporaryDir dir;
        const QString file = dir.filePath(name);
        const Result r = runCli({QStringLiteral("export"), QStringLiteral("--lab"),
                                 QStringLiteral("gpu"), QStringLiteral("--out"), file,
                                 QStringLiteral("--size"), QStringLiteral("800x500")});
        QVERIFY(!r.crashed);
        QVERIFY2(r.code == 0, r.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        if (name.endsWith(QLatin1String(".svg")))
            QVERIFY(bytes.contains("<svg"));
        else if (name.endsWith(QLatin1String(".pdf")))
            QVERIFY(bytes.startsWith("%PDF-"));
        else if (name.endsWith(QLatin1String(".png")))
            QVERIFY(bytes.startsWith("\x89PNG"));
        else
            QVERIFY(bytes.startsWith("series,x,y\n\"CPU\",1024,"));
    }

    void exportBadArguments() {
        if (!runCli({QStringLiteral("--help")}).out.contains("export"))
            QSKIP("this build has no widgets layer (no export command)");
        Result r =
            runCli({QStringLiteral("export"), QStringLiteral("--lab"), QStringLiteral("nope"),
                    QStringLiteral("--out"), QStringLiteral("x.png")});
        QCOMPARE(r.code, 2);
        QVERIFY(isOneLineError(r.err));
        r = runCli({QStringLiteral("export"), QStringLiteral("--lab"), QStringLiteral("gpu"),
                    QStringLiteral("--out"), QStringLiteral("x.gif")});
        QCOMPARE(r.code, 2);
        QVERIFY(isOneLineError(r.err));
    }

    void exportOfGlLabNeedsDisplay() {
        if (!runCli({QStringLiteral("--help")}).out.contains("export"))
            QSKIP("this build has no widgets layer (no export command)");
        QTemporaryDir dir;
        const Result r =
            runCli({QStringLiteral("export"), QStringLiteral("--lab"), QStringLiteral("life"),
                    QStringLiteral("--out"), dir.filePath(QStringLiteral("life.png"))});
        QVERIFY(!r.crashed);
        QCOMPARE(r.code, 1);
        QVERIFY2(isOneLineError(r.err) && r.err.contains("needs a display"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("life.png"))));
    }

    void lifeRunMatchesLifeWiki() {
        // LifeWiki: the R-pentomino stabilises at generation 1103 with population 116 (counting
        // its six escaping gliders); 1024x1024 is large enough that nothing reaches the border.
        const Result r = runCli({QStringLiteral("life"), QStringLiteral("run"),
                                 QStringLiteral("--pattern"), QStringLiteral("r-pentomino"),
                                 QStringLiteral("--size"), QStringLiteral("1024x1024"),
                                 QStringLiteral("--plane"), QStringLiteral("--center"),
                                 QStringLiteral("--generations"), QStringLiteral("1103")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("population")).toInt(), 116);
        QCOMPARE(o.value(QStringLiteral("generation")).toInt(), 1103);
        QCOMPARE(o.value(QStringLiteral("topology")).toString(), QStringLiteral("plane"));
        QVERIFY(o.value(QStringLiteral("cell_updates_per_second")).toDouble() > 0);
    }

    void lifeWritesRleThatReadsBack() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("soup.rle"));
        Result r = runCli({QStringLiteral("life"), QStringLiteral("run"),
                           QStringLiteral("--random"), QStringLiteral("0.4"),
                           QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--size"),
                           QStringLiteral("64x48"), QStringLiteral("--generations"),
                           QStringLiteral("10"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, r.err.constData());
        const int population =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("population")).toInt();
        // Reading the file back and running 0 generations reports the same board.
        r = runCli({QStringLiteral("life"), QStringLiteral("run"), QStringLiteral("--in"), out,
                    QStringLiteral("--generations"), QStringLiteral("0")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("population")).toInt(), population);
        QCOMPARE(o.value(QStringLiteral("width")).toInt(), 64);
        QCOMPARE(o.value(QStringLiteral("height")).toInt(), 48);
    }

    void lifeBadInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("too big")
            << QStringList{QStringLiteral("life"),          QStringLiteral("run"),
                           QStringLiteral("--size"),        QStringLiteral("70000x10"),
                           QStringLiteral("--random"),      QStringLiteral("0.5"),
                           QStringLiteral("--generations"), QStringLiteral("1")}
            << 1 << QByteArray("65536");
        QTest::newRow("bad rule")
            << QStringList{QStringLiteral("life"),          QStringLiteral("run"),
                           QStringLiteral("--size"),        QStringLiteral("8x8"),
                           QStringLiteral("--random"),      QStringLiteral("0.5"),
                           QStringLiteral("--rule"),        QStringLiteral("B9/S2"),
                           QStringLiteral("--generations"), QStringLiteral("1")}
            << 1 << QByteArray("B9");
        QTest::newRow("no source")
            << QStringList{QStringLiteral("life"), QStringLiteral("run"),
                           QStringLiteral("--generations"), QStringLiteral("5")}
            << 2 << QByteArray("--in");
        QTest::newRow("unknown pattern")
            << QStringList{QStringLiteral("life"),          QStringLiteral("run"),
                           QStringLiteral("--pattern"),     QStringLiteral("unicorn"),
                           QStringLiteral("--generations"), QStringLiteral("5")}
            << 1 << QByteArray("unicorn");
    }
    void lifeBadInput() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QByteArray, message);
        const Result r = runCli(args);
        QVERIFY(!r.crashed);
        QCOMPARE(r.code, code);
        QVERIFY2(isOneLineError(r.err) && r.err.contains(message), r.err.constData());
    }

    void lifeMalformedFileNamesLineAndColumn() {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.rle"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x = 3, y = 1\noo?o!\n");
        f.close();
        const Result r =
            runCli({QStringLiteral("life"), QStringLiteral("run"), QStringLiteral("--in"), bad,
                    QStringLiteral("--generations"), QStringLiteral("1")});
        QCOMPARE(r.code, 1);
        QVERIFY2(isOneLineError(r.err) && r.err.contains("line 2, column 3"), r.err.constData());
    }

    void lifePatternsList() {
        const Result r = runCli({QStringLiteral("life"), QStringLiteral("patterns")});
        QCOMPARE(r.code, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QVERIFY(list.size() >= 19);
        bool glider = false;
        for (const QJsonValue& v : list)
            if (v.toObject().value(QStringLiteral("id")).toString() == QLatin1String("glider")) {
                glider = true;
                QCOMPARE(v.toObject().value(QStringLiteral("population")).toInt(), 5); // LifeWiki
                QCOMPARE(v.toObject().value(QStringLiteral("period")).toInt(), 4);
            }
        QVERIFY(glider);
    }

    void benchCsv() {
        const Result r =
            runCli({QStringLiteral("gpu"), QStringLiteral("bench"), QStringLiteral("--sizes"),
                    QStringLiteral("1000,4096"), QStringLiteral("--reps"), QStringLiteral("2"),
                    QStringLiteral("--csv")});
        if (r.code == 3)
            QSKIP("no OpenGL 4.3 context on this machine");
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("op,size,"));
        QVERIFY(lines[1].startsWith("scan,1000,"));
        QVERIFY(lines[2].startsWith("scan,4096,"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
