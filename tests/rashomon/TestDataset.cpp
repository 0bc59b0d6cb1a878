// CSV loading in the bundled files' formats and ordinary CSV, every malformed case with its row
// and column, binarisation (thresholds and names) and the seeded train/test split. Expected
// values are read off the files by hand (head of /work/shared/datasets/*.csv and the README
// beside them).
#include "rashomon/Binarizer.h"
#include "rashomon/Dataset.h"
#include "util/Error.h"

#include <QtTest>

#include <set>

using namespace algoscope;
using namespace algoscope::rashomon;

class TestDataset : public QObject {
    Q_OBJECT

private slots:
    void bundledDatasetsLoad_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("classes");
        QTest::addColumn<QString>("firstFeature");
        QTest::newRow("iris") << "iris" << 150 << 4 << 3 << "sepal length";
        QTest::newRow("wine") << "wine" << 178 << 13 << 3 << "alcohol";
        QTest::newRow("breast_cancer") << "breast_cancer" << 569 << 30 << 2 << "mean radius";
        QTest::newRow("monk1") << "monk1" << 124 << 11 << 2 << "a1_1";
        QTest::newRow("monk2") << "monk2" << 169 << 11 << 2 << "a1_1";
        QTest::newRow("monk3") << "monk3" << 122 << 11 << 2 << "a1_1";
    }
    void bundledDatasetsLoad() {
        QFETCH(QString, name);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, classes);
        QFETCH(QString, firstFeature);
        const Dataset d = bundledDataset(name.toStdString());
        QCOMPARE(int(d.rows()), rows);
        QCOMPARE(int(d.cols()), cols);
        QCOMPARE(d.classes(), classes);
        QCOMPARE(QString::fromStdString(d.featureNames[0]), firstFeature);
    }

    void irisFirstRowAndClasses() {
        const Dataset d = bundledDataset("iris");
        QCOMPARE(d.at(0, 0), 5.1);
        QCOMPARE(d.at(0, 3), 0.2);
        QCOMPARE(d.y[0], 0);
        QCOMPARE(d.y[149], 2);
        QCOMPARE(QString::fromStdString(d.classNames[2]), QStringLiteral("virginica"));
    }

    void ordinaryCsvWithHeaderAndWordClasses() {
        const Dataset d = parseCsv("a, b ,species\n1,2,cat\n3,4.5,dog\n5,6,cat\n");
        QCOMPARE(int(d.rows()), 3);
        QCOMPARE(QString::fromStdString(d.featureNames[1]), QStringLiteral("b"));
        QCOMPARE(d.classes(), 2);
        QCOMPARE(QString::fromStdString(d.classNames[1]), QStringLiteral("dog"));
        QCOMPARE(d.y, (std::vector<int>{0, 1, 0}));
        QCOMPARE(d.at(1, 1), 4.5);
    }

    void classColumnByNameOrIndex() {
        const std::string text = "label,x,y\n1,0.5,2\n0,1.5,3\n2,2.5,4\n";
        const Dataset byName = parseCsv(text, {"label"});
        QCOMPARE(byName.featureNames, (std::vector<std::string>{"x", "y"}));
        QCOMPARE(byName.y, (std::vector<int>{1, 0, 2}));
        const Dataset byIndex = parseCsv(text, {"0"});
        QCOMPARE(byIndex.y, byName.y);
        QCOMPARE(byIndex.at(2, 0), 2.5);
        QVERIFY_THROWS_EXCEPTION(util::Error, parseCsv(text, {"nope"}));
        QVERIFY_THROWS_EXCEPTION(util::Error, parseCsv(text, {"7"}));
    }

    void noHeaderNumericClasses() {
        const Dataset d = parseCsv("1,2,10\n3,4,-1\r\n5,6,10\n\n");
        QCOMPARE(int(d.rows()), 3);
        QCOMPARE(d.featureNames, (std::vector<std::string>{"x0", "x1"}));
        QCOMPARE(d.classNames, (std::vector<std::string>{"-1", "10"}));
        QCOMPARE(d.y, (std::vector<int>{1, 0, 1}));
    }

    void malformedInputNamesRowAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "empty file";
        QTest::newRow("blank lines only") << "\n\n  \n"
                                          << "empty file";
        QTest::newRow("missing value") << "a,b,c\n1,,0\n"
                                       << "line 2, column 2: missing value";
        QTest::newRow("not a number") << "a,b,c\n1,2,0\n1,x7,1\n"
                                      << "line 3, column 2: not a finite number: 'x7'";
        QTest::newRow("nan") << "a,b,c\n1,nan,0\n"
                             << "line 2, column 2: not a finite number";
        QTest::newRow("inf") << "1,inf,0\n"
                             << "line 1, column 2: not a finite number";
        QTest::newRow("ragged") << "a,b,c\n1,2,0\n1,2\n"
                                << "line 3, column 3: ragged row";
        QTest::newRow("too long row") << "1,2,0\n1,2,0,4\n"
                                      << "line 2, column 4: ragged row";
        QTest::newRow("header only") << "a,b,c\n"
                                     << "no data rows";
        QTest::newRow("one column") << "a\n1\n"
                                    << "at least two columns";
        QTest::newRow("header width") << "a,b\n1,2,3\n"
                                      << "header has 2 columns";
        QTest::newRow("missing class") << "a,b,c\n1,2,\n"
                                       << "line 2, column 3: missing class";
        QTest::newRow("sklearn bad class") << "2,1,x,y\n1,0\n2,5\n"
                                           << "line 3, column 2: class index";
    }
    void malformedInputNamesRowAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            parseCsv(text.toStdString(), {}, "t.csv");
            QFAIL("expected util::Error");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
            QVERIFY(QString(e.what()).startsWith("t.csv"));
        }
    }

    void missingFileIsAnError() {
        QVERIFY_THROWS_EXCEPTION(util::Error, readCsvFile("/nonexistent/x.csv"));
        QVERIFY_THROWS_EXCEPTION(util::Error, bundledDataset("mnist"));
    }

    void binarizationQuantilesAndNames() {
        // Values 1..8: quantiles:3 cut at ranks 1/4, 2/4, 3/4 of the sorted column, each
        // moved to the midpoint above the value found there.
        std::string text = "v,c\n";
        for (int i = 1; i <= 8; ++i)
            text += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
        const Dataset d = parseCsv(text);
        const auto f = learnBinaryFeatures(d, BinarizeSpec::parse("quantiles:3"));
        QCOMPARE(int(f.size()), 3);
        // ranks floor(0.25*7)=1 -> value 2 -> cut 2.5; floor(3.5)=3 -> 4.5; floor(5.25)=5 -> 6.5
        QCOMPARE(f[0].threshold, 2.5);
        QCOMPARE(f[1].threshold, 4.5);
        QCOMPARE(f[2].threshold, 6.5);
        QCOMPARE(QString::fromStdString(f[1].name), QStringLiteral("v <= 4.5"));
        const BinaryData b = applyBinaryFeatures(d, f);
        QCOMPARE(b.bit(3, 1), true);  // 4 <= 4.5
        QCOMPARE(b.bit(4, 1), false); // 5 > 4.5
        const auto mids = learnBinaryFeatures(d, BinarizeSpec::parse("midpoints"));
        QCOMPARE(int(mids.size()), 7);
        const auto capped = learnBinaryFeatures(d, BinarizeSpec::parse("midpoints:3"));
        QCOMPARE(int(capped.size()), 3);
    }

    void indicatorColumnsAreKept() {
        const BinaryData b = binarize(bundledDataset("monk1"), BinarizeSpec{});
        QCOMPARE(int(b.cols()), 11);
        QVERIFY(b.features[0].isIndicator);
        QCOMPARE(QString::fromStdString(b.features[0].name), QStringLiteral("a1_1"));
    }

    void badBinarizeSpecs_data() {
        QTest::addColumn<QString>("spec");
        QTest::newRow("unknown") << "deciles";
        QTest::newRow("zero") << "quantiles:0";
        QTest::newRow("junk") << "quantiles:4x";
        QTest::newRow("huge") << "quantiles:99999";
    }
    void badBinarizeSpecs() {
        QFETCH(QString, spec);
        QVERIFY_THROWS_EXCEPTION(util::Error, BinarizeSpec::parse(spec.toStdString()));
    }

    void splitIsSeededAndDisjoint() {
        const Dataset d = bundledDataset("iris");
        const Split a = trainTestSplit(d, 0.2, 5), b = trainTestSplit(d, 0.2, 5),
                    c = trainTestSplit(d, 0.2, 6);
        QCOMPARE(int(a.test.rows()), 30);
        QCOMPARE(int(a.train.rows()), 120);
        QCOMPARE(a.test.x, b.test.x);
        QVERIFY(a.test.x != c.test.x);
        // Every row lands in exactly one part: the multisets of rows add up to the whole.
        std::multiset<std::vector<double>> all, parts;
        for (std::size_t i = 0; i < d.rows(); ++i)
            all.insert(
                {d.x.begin() + std::ptrdiff_t(i * 4), d.x.begin() + std::ptrdiff_t(i * 4 + 4)});
        for (const Dataset* part : {&a.train, &a.test})
            for (std::size_t i = 0; i < part->rows(); ++i)
                parts.insert({part->x.begin() + std::ptrdiff_t(i * 4),
                              part->x.begin() + std::ptrdiff_t(i * 4 + 4)});
        QVERIFY(all == parts);
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "TestDataset.moc"
