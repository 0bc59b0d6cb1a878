// `algoscope-cli cf` as scripts use it: JSON on stdout, exit codes, one-line errors naming the
// position in a malformed expression. Expected values are the reference facts of the lab (pi's
// SCF A001203, e's convergents, Apery's delta_200 = 0.0793, e's signed SCF [2; 3, 2, 5, ...] for
// e - 1, e^2's recurrence 1 - 2x^5 + x^10).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

struct Result {
    int code = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("passive"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ALGOSCOPE_CLI), args);
    Result r;
    if (!p.waitForFinished(300000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
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

QString terms(const QJsonArray& a) {
    QStringList s;
    for (const auto& v : a)
        s << QString::number(v.toInteger());
    return s.join(',');
}

} // namespace

class TestContfracCli : public QObject {
    Q_OBJECT
private slots:
    void help_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("cf") << QStringList{"cf", "--help"};
        for (const char* sub : {"expand", "pcf", "esma", "massey"})
            QTest::newRow(sub) << QStringList{"cf", sub, "--help"};
    }
    void help() {
        QFETCH(QStringList, args);
        const Result r = runCli(args);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Usage"));
    }

    void expandPi() {
        const Result r = runCli({"cf", "expand", "--constant", "pi", "--terms", "12"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(terms(j["terms"].toArray()), QStringLiteral("3,7,15,1,292,1,1,1,2,1,3,1"));
        QVERIFY(j["complete"].toBool());
        QVERIFY(j["digits_used"].toInt() > 12);
    }

    void expandSignedWithConvergents() {
        const Result r = runCli({"cf", "expand", "--constant", "e-1", "--signs", "-,+", "--terms",
                                 "6", "--convergents"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(terms(j["terms"].toArray()), QStringLiteral("2,3,2,5,2,7"));
        const QJsonArray c = j["convergents"].toArray();
        QCOMPARE(c.size(), 6);
        // e - 1 signed convergents are e's (3, 8/3, 19/7, ...) minus 1: 2, 5/3, 12/7.
        QCOMPARE(c[1].toObject()["p"].toInteger(), 5);
        QCOMPARE(c[1].toObject()["q"].toInteger(), 3);
        QCOMPARE(c[2].toObject()["p"].toInteger(), 12);
        QCOMPARE(c[2].toObject()["q"].toInteger(), 7);
    }

    // A fixed precision that cannot prove all terms: the proven ones, a message, exit 1.
    void expandUncertified() {
        const Result r =
            runCli({"cf", "expand", "--constant", "tanh(1)", "--terms", "200", "--digits", "800"});
        QCOMPARE(r.code, 1);
        QVERIFY(isOneLineError(r.err));
        const QJsonObject j = json(r);
        QVERIFY(!j["complete"].toBool());
        QVERIFY(j["count"].toInt() < 200);
    }

    void pcfApery() {
        const Result r = runCli({"cf", "pcf", "--a", "(2n+1)(17n^2+17n+5)", "--b", "-(n+1)^6",
                                 "--depth", "200", "--limit", "6/zeta(3)"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QVERIFY(j["value"].toString().startsWith("4.99144423548424481209"));
        QVERIFY(std::abs(j["delta"].toDouble() - 0.0793) < 0.0005);
        QVERIFY(j["correct_digits"].toDouble() > 600);
        QVERIFY(j["digits_per_term"].toDouble() > 3.0);
    }

    void massey() {
        const Result r = runCli({"cf", "massey", "--sequence",
                                 "7,2,1,1,3,18,5,1,1,6,30,8,1,1,9,42,11,1,1,12,"
                                 "54,14,1,1,15,66,17,1,1,18",
                                 "--extend", "35"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QCOMPARE(j["length"].toInt(), 11);
        QCOMPARE(j["polynomial"].toString(), QStringLiteral("1 - 2x^5 + x^10"));
        QVERIFY(j["confirmed"].toBool());
        QCOMPARE(j["extended"].toArray().size(), 35);
        QCOMPARE(j["extended"].toArray()[30].toInteger(), 78); // e^2 = [..., 78, ...] (A001204)
    }

    void esmaSmall() {
        const Result r = runCli({"cf", "esma", "--constant", "e", "--coeff", "1", "--sign-period",
                                 "2", "--depth", "60", "--verify-digits", "60"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = json(r);
        QVERIFY(j["count"].toInt() >= 1);
        bool found = false;
        for (const auto& c : j["conjectures"].toArray())
            found = found || c.toObject()["lhs"].toString() == QStringLiteral("e - 1");
        QVERIFY(found);
    }

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no subcommand") << QStringList{"cf"} << 2 << "subcommand";
        QTest::newRow("unknown subcommand") << QStringList{"cf", "fly"} << 2 << "fly";
        QTest::newRow("missing constant") << QStringList{"cf", "expand"} << 2 << "--constant";
        QTest::newRow("bad terms")
            << QStringList{"cf", "expand", "--constant", "pi", "--terms", "x"} << 2 << "--terms";
        QTest::newRow("bad expression")
            << QStringList{"cf", "expand", "--constant", "2*(pi+"} << 1 << "position 7";
        QTest::newRow("bad polynomial")
            << QStringList{"cf", "pcf", "--a", "2n+", "--b", "1"} << 1 << "position 4";
        QTest::newRow("bad signs")
            << QStringList{"cf", "expand", "--constant", "e", "--signs", "+x"} << 1 << "position 2";
        QTest::newRow("bad sequence")
            << QStringList{"cf", "massey", "--sequence", "1,2,z"} << 1 << "position 5";
        QTest::newRow("bad convention")
            << QStringList{"cf", "pcf", "--a", "n", "--b", "n", "--convention", "x"} << 2
            << "convention";
        QTest::newRow("bad period")
            << QStringList{"cf", "esma", "--sign-period", "3..1"} << 2 << "sign-period";
        QTest::newRow("too many terms")
            << QStringList{"cf", "expand", "--constant", "pi", "--terms", "99999999"} << 2
            << "--terms";
    }
    void errors() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, needle);
        const Result r = runCli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(isOneLineError(r.err), r.err.constData());
        QVERIFY2(r.err.contains(needle.toUtf8()), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestContfracCli)
#include "TestContfracCli.moc"
