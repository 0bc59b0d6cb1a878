// Rule and RuleSpec parsing. Expected strings are the notations of LifeWiki
// (https://conwaylife.com/wiki/Rulestring) and of Golly's Help > Bounded Grids.
#include "life/Board.h"
#include "life/Rule.h"
#include "life/RuleSpec.h"
#include "util/Error.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::life;

class TestRule : public QObject {
    Q_OBJECT

private slots:
    void parsesAndCanonicalises_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<int>("birth");
        QTest::addColumn<int>("survival");
        QTest::newRow("life") << "B3/S23"
                              << "B3/S23" << 0x8 << 0xC;
        QTest::newRow("lower case") << "b3/s23"
                                    << "B3/S23" << 0x8 << 0xC;
        QTest::newRow("S first") << "S23/B3"
                                 << "B3/S23" << 0x8 << 0xC;
        QTest::newRow("legacy S/B") << "23/3"
                                    << "B3/S23" << 0x8 << 0xC;
        QTest::newRow("blanks") << "  B3/S23 "
                                << "B3/S23" << 0x8 << 0xC;
        QTest::newRow("highlife") << "B36/S23"
                                  << "B36/S23" << 0x48 << 0xC;
        QTest::newRow("seeds") << "B2/S"
                               << "B2/S" << 0x4 << 0;
        QTest::newRow("seeds legacy") << "/2"
                                      << "B2/S" << 0x4 << 0;
        QTest::newRow("day and night") << "B3678/S34678"
                                       << "B3678/S34678" << 0x1C8 << 0x1D8;
        QTest::newRow("unsorted digits") << "B63/S32"
                                         << "B36/S23" << 0x48 << 0xC;
        QTest::newRow("B0") << "B0/S8"
                            << "B0/S8" << 0x1 << 0x100;
        QTest::newRow("empty parts") << "B/S"
                                     << "B/S" << 0 << 0;
    }
    void parsesAndCanonicalises() {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(int, birth);
        QFETCH(int, survival);
        const Rule r = Rule::parse(text.toStdString());
        QCOMPARE(QString::fromStdString(r.toString()), canonical);
        QCOMPARE(int(r.birthMask()), birth);
        QCOMPARE(int(r.survivalMask()), survival);
        QCOMPARE(Rule::parse(r.toString()), r); // canonical form parses back to the same rule
    }

    void rejectsMalformed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("no slash") << "B3S23"
                                  << "'/'";
        QTest::newRow("two slashes") << "B3/S2/3"
                                     << "'/'";
        QTest::newRow("digit 9") << "B39/S23"
                                 << "8 neighbours";
        QTest::newRow("repeated digit") << "B33/S23"
                                        << "twice";
        QTest::newRow("two B parts") << "B3/B23"
                                     << "twice";
        QTest::newRow("letter") << "B3x/S23"
                                << "'x'";
        QTest::newRow("suffix") << "B3/S23:T10,10"
                                << "suffix";
        QTest::newRow("generations rule") << "B2/S/3"
                                          << "'/'";
    }
    void rejectsMalformed() {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        try {
            Rule::parse(text.toStdString());
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
        }
    }

    void nextStateFollowsMasks() {
        // Life by its definition (Gardner 1970): birth on 3, survival on 2 or 3.
        const Rule life;
        for (int n = 0; n <= 8; ++n) {
            QCOMPARE(life.next(false, n), n == 3);
            QCOMPARE(life.next(true, n), n == 2 || n == 3);
        }
        QVERIFY(Rule::parse("B0/S8").hasB0());
        QVERIFY(!life.hasB0());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Rule(0x200, 0));
    }

    void ruleSpecGridSuffix_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("torus");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("torus") << "B3/S23:T64,64" << true << 64 << 64 << "B3/S23:T64,64";
        QTest::newRow("plane") << "B3/S23:P30,20" << false << 30 << 20 << "B3/S23:P30,20";
        QTest::newRow("lower case") << "b3/s23:t32,16" << true << 32 << 16 << "B3/S23:T32,16";
        QTest::newRow("legacy rule") << "23/3:P5,7" << false << 5 << 7 << "B3/S23:P5,7";
        QTest::newRow("LifeGPT board") << "B3/S23:T32,32" << true << 32 << 32 << "B3/S23:T32,32";
        QTest::newRow("limit") << "B3/S23:T65536,1" << true << 65536 << 1 << "B3/S23:T65536,1";
    }
    void ruleSpecGridSuffix() {
        QFETCH(QString, text);
        QFETCH(bool, torus);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(QString, canonical);
        const RuleSpec s = RuleSpec::parse(text.toStdString());
        QVERIFY(s.grid.has_value());
        QCOMPARE(s.grid->topology == Topology::Torus, torus);
        QCOMPARE(int(s.grid->width), width);
        QCOMPARE(int(s.grid->height), height);
        QCOMPARE(QString::fromStdString(s.toString()), canonical);
        QCOMPARE(RuleSpec::parse(s.toString()), s);
    }

    void ruleSpecWithoutSuffix() {
        const RuleSpec s = RuleSpec::parse("B36/S23");
        QVERIFY(!s.grid);
        QCOMPARE(QString::fromStdString(s.toString()), QStringLiteral("B36/S23"));
    }

    void ruleSpecRejectsOtherGrids_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        // Golly grids we do not support: tube (a zero side), Klein bottle, sphere,
        // cross-surface, shifted torus.
        QTest::newRow("tube") << "B3/S23:T0,20"
                              << "unbounded";
        QTest::newRow("klein") << "B3/S23:K30*,20"
                               << "Klein bottle";
        QTest::newRow("sphere") << "B3/S23:S30"
                                << "sphere";
        QTest::newRow("cross-surface") << "B3/S23:C30,20"
                                       << "cross-surface";
        QTest::newRow("shifted torus") << "B3/S23:T30+5,20"
                                       << "'+'";
        QTest::newRow("one size") << "B3/S23:T30"
                                  << "width and a height";
        QTest::newRow("empty") << "B3/S23:"
                               << "empty grid suffix";
        QTest::newRow("unknown") << "B3/S23:Q3,3"
                                 << "unknown grid";
    }
    void ruleSpecRejectsOtherGrids() {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        try {
            RuleSpec::parse(text.toStdString());
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
            QVERIFY2(QString(e.what()).contains(":T<width>,<height>"), e.what());
        }
    }

    void ruleSpecSizeLimit() {
        try {
            RuleSpec::parse("B3/S23:T65537,64");
            QFAIL("no error");
        } catch (const util::LimitError& e) {
            QVERIFY2(QString(e.what()).contains("65536"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::LimitError,
                                 RuleSpec::parse("B3/S23:P99999999999999999999,2"));
    }
};

QTEST_GUILESS_MAIN(TestRule)
#include "TestRule.moc"
