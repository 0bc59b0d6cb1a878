// The algoscope binary as a user runs it: --help/--version, bad arguments, and
// --lab ID --screenshot FILE writing a non-blank picture of a real lab.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestGuiApp : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static QProcess* start(const QStringList& args) {
        auto* p = new QProcess;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        p->setProcessEnvironment(env);
        p->start(QStringLiteral(ALGOSCOPE_GUI), args);
        return p;
    }

private Q_SLOTS:
    void helpAndVersion() {
        std::unique_ptr<QProcess> p(start({QStringLiteral("--help")}));
        QVERIFY(p->waitForFinished(30000));
        QCOMPARE(p->exitCode(), 0);
        const QByteArray out = p->readAllStandardOutput();
        QVERIFY(out.contains("--lab"));
        QVERIFY(out.contains("--screenshot"));
        p.reset(start({QStringLiteral("--version")}));
        QVERIFY(p->waitForFinished(30000));
        QCOMPARE(p->exitCode(), 0);
        QVERIFY(p->readAllStandardOutput().contains(ALGOSCOPE_VERSION));
    }

    void badArguments_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown lab") << QStringList{QStringLiteral("--lab"), QStringLiteral("nope")}
                                     << QByteArray("unknown lab");
        QTest::newRow("bad size") << QStringList{QStringLiteral("--size"), QStringLiteral("huge")}
                                  << QByteArray("--size");
        QTest::newRow("screenshot not png")
            << QStringList{QStringLiteral("--screenshot"), QStringLiteral("x.jpg")}
            << QByteArray(".png");
    }
    void badArguments() {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        std::unique_ptr<QProcess> p(start(args));
        QVERIFY(p->waitForFinished(30000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QCOMPARE(p->exitCode(), 2);
        QVERIFY2(p->readAllStandardError().contains(message), message.constData());
    }

    void screenshotOfGpuLab() {
        const QString file = m_dir.filePath(QStringLiteral("gpu.png"));
        std::unique_ptr<QProcess> p(
            start({QStringLiteral("--lab"), QStringLiteral("gpu"), QStringLiteral("--screenshot"),
                   file, QStringLiteral("--size"), QStringLiteral("1280x800"),
                   QStringLiteral("--settings"), m_dir.filePath(QStringLiteral("s.ini"))}));
        QVERIFY(p->waitForFinished(180000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800));
        // Non-blank: many colours, and the plot area is not uniform.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QVERIFY(!QFile::exists(
            m_dir.filePath(QStringLiteral("s.ini")))); // screenshots never save settings
    }
};

QTEST_GUILESS_MAIN(TestGuiApp)
#include "TestGuiApp.moc"
