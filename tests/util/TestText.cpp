// util/Text.h: line splitting (shared by the shader, board and .cells readers) and "WxH" sizes
// (shared by the GUI's --size, export --size and life --size).
#include "util/Text.h"

#include <QtTest>

using namespace algoscope::util;

class TestText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitLinesHandlesEndings() {
        QCOMPARE(splitLines("").size(), std::size_t(0));
        QCOMPARE(splitLines("a").size(), std::size_t(1));
        QCOMPARE(splitLines("a\n").size(), std::size_t(1));
        const auto lines = splitLines("a\r\n\nb");
        QCOMPARE(lines.size(), std::size_t(3));
        QVERIFY(lines[0] == "a");
        QVERIFY(lines[1].empty());
        QVERIFY(lines[2] == "b");
    }

    void parseSize_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qulonglong>("w");
        QTest::addColumn<qulonglong>("h");
        QTest::newRow("plain") << "1600x1000" << true << 1600ull << 1000ull;
        QTest::newRow("capital X") << "64X32" << true << 64ull << 32ull;
        QTest::newRow("zero") << "0x5" << true << 0ull << 5ull;
        QTest::newRow("nine digits") << "999999999x1" << true << 999999999ull << 1ull;
        QTest::newRow("ten digits") << "1234567890x1" << false << 0ull << 0ull;
        QTest::newRow("no x") << "1600" << false << 0ull << 0ull;
        QTest::newRow("empty side") << "x100" << false << 0ull << 0ull;
        QTest::newRow("sign") << "-5x5" << false << 0ull << 0ull;
        QTest::newRow("space") << "5 x5" << false << 0ull << 0ull;
        QTest::newRow("two x") << "5x5x5" << false << 0ull << 0ull;
        QTest::newRow("empty") << "" << false << 0ull << 0ull;
    }
    void parseSize() {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qulonglong, w);
        QFETCH(qulonglong, h);
        const std::string s = text.toStdString();
        const auto size = algoscope::util::parseSize(s);
        QCOMPARE(size.has_value(), ok);
        if (ok) {
            QCOMPARE(qulonglong(size->first), w);
            QCOMPARE(qulonglong(size->second), h);
        }
    }
};

QTEST_GUILESS_MAIN(TestText)
#include "TestText.moc"
