// Neighbourhood index math (attention/NaIndex.h) against
//  - the worked examples for L = 10 of NATTEN's definition (window shifted at borders,
//    dilation groups, causal, stride), as published with NATTEN's reference code;
//  - fixtures from an independent NumPy/Python transcription of NATTEN's rules
//    (data/make_fixtures.py: every L <= 10, k, d, s, causal and query);
//  - brute force up to L = 16: windows rebuilt from the explicit list of each dilation group,
//    the inverse map from scanning every query's neighbour list, and 2-D/3-D neighbourhoods
//    against a mask built per axis;
//  - NATTEN's validation rules with their messages.
#include "attention/NaIndex.h"
#include "util/Error.h"

#include <QFile>
#include <QtTest>

#include <algorithm>
#include <set>
#include <sstream>

using namespace algoscope::attention;

namespace {

AxisParams axis(int k, int d = 1, int s = 1, bool causal = false) {
    return AxisParams{k, d, s, causal};
}

// Independent brute force of one axis: the dilation group as an explicit list of positions; the
// stride group's leader (centre, or last for causal) clamped to the group; the window a run of k
// list entries around it, moved inside the list; causal keeps only entries up to the query.
std::vector<int> bruteAxis(int L, int k, int d, int s, bool causal, int x) {
    std::vector<int> group;
    for (int p = x % d; p < L; p += d)
        group.push_back(p);
    const int n = int(group.size());
    const int i = int(std::find(group.begin(), group.end(), x) - group.begin());
    const int first = i - i % s; // first member of the stride group
    std::vector<int> out;
    if (!causal) {
        const int leader = std::min(first + s / 2, n - 1);
        int lo = leader - k / 2;
        while (lo + k > n)
            --lo;
        while (lo < 0)
            ++lo;
        for (int j = lo; j < lo + k; ++j)
            out.push_back(group[std::size_t(j)]);
    } else {
        const int leader = std::min(first + s - 1, n - 1);
        for (int j = std::max(0, leader - k + 1); j <= i; ++j)
            out.push_back(group[std::size_t(j)]);
    }
    return out;
}

std::vector<int> parseList(const QString& s) {
    std::vector<int> v;
    for (const QString& t : s.split(' ', Qt::SkipEmptyParts))
        v.push_back(t.toInt());
    return v;
}

} // namespace

class TestNaIndex : public QObject {
    Q_OBJECT

private slots:
    // The worked examples (L = 10) of NATTEN's definition.
    void workedExamples_data() {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("s");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<int>("query");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, int k, int d, int s, bool c, int q, const char* e) {
            QTest::newRow(name) << k << d << s << c << q << QString(e);
        };
        row("k3 q0", 3, 1, 1, false, 0, "0 1 2");
        row("k3 q1", 3, 1, 1, false, 1, "0 1 2");
        row("k3 q2", 3, 1, 1, false, 2, "1 2 3");
        row("k3 q8", 3, 1, 1, false, 8, "7 8 9");
        row("k3 q9", 3, 1, 1, false, 9, "7 8 9");
        row("k4 q0", 4, 1, 1, false, 0, "0 1 2 3");
        row("k4 q2", 4, 1, 1, false, 2, "0 1 2 3");
        row("k4 q3", 4, 1, 1, false, 3, "1 2 3 4");
        row("k4 q8", 4, 1, 1, false, 8, "6 7 8 9");
        row("k4 q9", 4, 1, 1, false, 9, "6 7 8 9");
        row("k3d3 q0", 3, 3, 1, false, 0, "0 3 6");
        row("k3d3 q1", 3, 3, 1, false, 1, "1 4 7");
        row("k3d3 q2", 3, 3, 1, false, 2, "2 5 8");
        row("k3d3 q3", 3, 3, 1, false, 3, "0 3 6");
        row("k3d3 q6", 3, 3, 1, false, 6, "3 6 9");
        row("k3d3 q7", 3, 3, 1, false, 7, "1 4 7");
        row("k3d3 q9", 3, 3, 1, false, 9, "3 6 9");
        row("k3c q0", 3, 1, 1, true, 0, "0");
        row("k3c q1", 3, 1, 1, true, 1, "0 1");
        row("k3c q2", 3, 1, 1, true, 2, "0 1 2");
        row("k3c q3", 3, 1, 1, true, 3, "1 2 3");
        row("k3c q9", 3, 1, 1, true, 9, "7 8 9");
        row("k3d2c q0", 3, 2, 1, true, 0, "0");
        row("k3d2c q1", 3, 2, 1, true, 1, "1");
        row("k3d2c q2", 3, 2, 1, true, 2, "0 2");
        row("k3d2c q3", 3, 2, 1, true, 3, "1 3");
        row("k3d2c q4", 3, 2, 1, true, 4, "0 2 4");
        row("k3d2c q5", 3, 2, 1, true, 5, "1 3 5");
        row("k3d2c q9", 3, 2, 1, true, 9, "5 7 9");
        for (int q : {0, 1})
            row(qPrintable(QString("k4s2 q%1").arg(q)), 4, 1, 2, false, q, "0 1 2 3");
        for (int q : {2, 3})
            row(qPrintable(QString("k4s2 q%1").arg(q)), 4, 1, 2, false, q, "1 2 3 4");
        for (int q : {4, 5})
            row(qPrintable(QString("k4s2 q%1").arg(q)), 4, 1, 2, false, q, "3 4 5 6");
        for (int q : {6, 7})
            row(qPrintable(QString("k4s2 q%1").arg(q)), 4, 1, 2, false, q, "5 6 7 8");
        for (int q : {8, 9})
            row(qPrintable(QString("k4s2 q%1").arg(q)), 4, 1, 2, false, q, "6 7 8 9");
        for (int q = 0; q < 4; ++q)
            row(qPrintable(QString("k4s4 q%1").arg(q)), 4, 1, 4, false, q, "0 1 2 3");
        for (int q = 4; q < 8; ++q)
            row(qPrintable(QString("k4s4 q%1").arg(q)), 4, 1, 4, false, q, "4 5 6 7");
        for (int q : {8, 9})
            row(qPrintable(QString("k4s4 q%1").arg(q)), 4, 1, 4, false, q, "6 7 8 9");
    }
    void workedExamples() {
        QFETCH(int, k);
        QFETCH(int, d);
        QFETCH(int, s);
        QFETCH(bool, causal);
        QFETCH(int, query);
        QFETCH(QString, expected);
        QCOMPARE(axisNeighbors(10, axis(k, d, s, causal), query), parseList(expected));
    }

    // Every line of the Python transcription's fixture.
    void pythonFixtures() {
        QFile f(QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/attention/data/neighbors.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        int lines = 0;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty())
                continue;
            const QStringList parts = line.split(':');
            QCOMPARE(parts.size(), 2);
            const std::vector<int> head = parseList(parts[0]);
            QCOMPARE(head.size(), std::size_t(6));
            const auto got =
                axisNeighbors(head[0], axis(head[1], head[2], head[3], head[4] != 0), head[5]);
            if (got != parseList(parts[1]))
                QFAIL(qPrintable("mismatch for L k d s causal x = " + parts[0]));
            ++lines;
        }
        QCOMPARE(lines, 5244); // every configuration up to L = 10 (make_fixtures.py)
    }

    // Brute force over every valid combination up to L = 16: forward windows, window
    // properties, and the inverse map.
    void bruteForceAxis() {
        int configs = 0;
        for (int L = 1; L <= 16; ++L)
            for (int k = 1; k <= L; ++k)
                for (int d = 1; k * d <= L; ++d)
                    for (int s = 1; s <= k; ++s)
                        for (bool causal : {false, true}) {
                            const AxisParams p = axis(k, d, s, causal);
                            QVERIFY(invalidReason(NaParams{{p}}, {L}).empty());
                            std::vector<std::vector<int>> all;
                            std::vector<int> prevStart(std::size_t(d), -1),
                                prevEnd(std::size_t(d), -1);
                            for (int x = 0; x < L; ++x) {
                                const auto nb = axisNeighbors(L, p, x);
                                if (nb != bruteAxis(L, k, d, s, causal, x))
                                    QFAIL(qPrintable(QString("L=%1 k=%2 d=%3 s=%4 c=%5 x=%6")
                                                         .arg(L)
                                                         .arg(k)
                                                         .arg(d)
                                                         .arg(s)
                                                         .arg(causal)
                                                         .arg(x)));
                                if (!causal)
                                    QCOMPARE(int(nb.size()), k); // never padded
                                else
                                    QVERIFY(!nb.empty() && nb.back() == x);
                                all.push_back(nb);
                                // Monotone windows inside each group (what tiling relies
                                // on): start and end never decrease with the query index.
                                const AxisWindow w = axisWindow(L, p, x);
                                QVERIFY(w.start >= prevStart[std::size_t(x % d)] &&
                                        w.end >= prevEnd[std::size_t(x % d)]);
                                prevStart[std::size_t(x % d)] = w.start;
                                prevEnd[std::size_t(x % d)] = w.end;
                            }
                            for (int key = 0; key < L; ++key) {
                                std::vector<int> expect;
                                for (int x = 0; x < L; ++x)
                                    if (std::count(all[std::size_t(x)].begin(),
                                                   all[std::size_t(x)].end(), key))
                                        expect.push_back(x);
                                QCOMPARE(axisInverseNeighbors(L, p, key), expect);
                            }
                            ++configs;
                        }
        QVERIFY(configs > 1000);
    }

    // k == L is exactly full self-attention; k == 1 sees only itself.
    void extremes() {
        for (int L : {1, 5, 16})
            for (int x = 0; x < L; ++x) {
                std::vector<int> all(static_cast<std::size_t>(L));
                for (int i = 0; i < L; ++i)
                    all[std::size_t(i)] = i;
                QCOMPARE(axisNeighbors(L, axis(L), x), all);
                QCOMPARE(axisNeighbors(L, axis(1), x), std::vector<int>{x});
            }
    }

    // 2-D and 3-D neighbourhoods are products of the axes, flat indices in NATTEN's score order
    // (window start first, last axis fastest); inverse against scanning all queries.
    void multiDimensional_data() {
        QTest::addColumn<QString>("sizes");
        QTest::addColumn<QString>("kernel");
        QTest::addColumn<QString>("dilation");
        QTest::addColumn<QString>("stride");
        QTest::addColumn<QString>("causal");
        QTest::newRow("2d") << "7 9"
                            << "3 4"
                            << "2 1"
                            << "1 2"
                            << "0 1";
        QTest::newRow("2d causal") << "6 6"
                                   << "3 3"
                                   << "1 1"
                                   << "1 1"
                                   << "1 1";
        QTest::newRow("3d") << "4 5 6"
                            << "3 2 5"
                            << "1 2 1"
                            << "2 1 3"
                            << "1 0 0";
    }
    void multiDimensional() {
        QFETCH(QString, sizes);
        QFETCH(QString, kernel);
        QFETCH(QString, dilation);
        QFETCH(QString, stride);
        QFETCH(QString, causal);
        const auto L = parseList(sizes);
        const int rank = int(L.size());
        const NaParams p = makeParams(rank, parseList(kernel), parseList(dilation),
                                      parseList(stride), parseList(causal));
        std::int64_t n = 1;
        for (int s : L)
            n *= s;
        auto coordOf = [&](std::int64_t t) {
            std::vector<int> c(static_cast<std::size_t>(rank));
            for (int a = rank - 1; a >= 0; --a) {
                c[std::size_t(a)] = int(t % L[std::size_t(a)]);
                t /= L[std::size_t(a)];
            }
            return c;
        };
        std::vector<std::vector<std::int64_t>> all;
        for (std::int64_t t = 0; t < n; ++t) {
            const auto qc = coordOf(t);
            // Mask brute force: key in window iff every axis' key index is a neighbour.
            std::vector<std::int64_t> expect;
            for (std::int64_t u = 0; u < n; ++u) {
                const auto kc = coordOf(u);
                bool in = true;
                for (int a = 0; a < rank; ++a) {
                    const auto nb =
                        bruteAxis(L[std::size_t(a)], p.axes[std::size_t(a)].kernel,
                                  p.axes[std::size_t(a)].dilation, p.axes[std::size_t(a)].stride,
                                  p.axes[std::size_t(a)].causal, qc[std::size_t(a)]);
                    in = in && std::count(nb.begin(), nb.end(), kc[std::size_t(a)]) > 0;
                }
                if (in)
                    expect.push_back(u);
            }
            const auto got = neighbors(L, p, qc);
            QCOMPARE(got, expect); // ascending flat order = row-major window order
            all.push_back(got);
        }
        for (std::int64_t u = 0; u < n; ++u) {
            std::vector<std::int64_t> expect;
            for (std::int64_t t = 0; t < n; ++t)
                if (std::count(all[std::size_t(t)].begin(), all[std::size_t(t)].end(), u))
                    expect.push_back(t);
            QCOMPARE(inverseNeighbors(L, p, coordOf(u)), expect);
        }
        std::int64_t total = 0;
        for (const auto& v : all)
            total += std::int64_t(v.size());
        QCOMPARE(totalWindowEntries(L, p), total);
    }

    void validation_data() {
        QTest::addColumn<int>("L");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("s");
        QTest::addColumn<bool>("causal");
        QTest::addColumn<bool>("bias");
        QTest::addColumn<QString>("message");
        QTest::newRow("k*d > L") << 10 << 4 << 3 << 1 << false << false << "exceeds the length";
        QTest::newRow("k > L") << 5 << 7 << 1 << 1 << false << false << "exceeds the length";
        QTest::newRow("stride > k")
            << 10 << 3 << 1 << 4 << false << false << "exceeds the kernel size";
        QTest::newRow("k = 0") << 10 << 0 << 1 << 1 << false << false << "at least 1";
        QTest::newRow("d = 0") << 10 << 3 << 0 << 1 << false << false << "at least 1";
        QTest::newRow("bias even k") << 10 << 4 << 1 << 1 << false << true << "odd kernel";
        QTest::newRow("bias causal") << 10 << 3 << 1 << 1 << true << true << "causal";
        QTest::newRow("bias stride") << 10 << 3 << 1 << 2 << false << true << "stride";
    }
    void validation() {
        QFETCH(int, L);
        QFETCH(int, k);
        QFETCH(int, d);
        QFETCH(int, s);
        QFETCH(bool, causal);
        QFETCH(bool, bias);
        QFETCH(QString, message);
        const NaParams p{{axis(k, d, s, causal)}};
        const std::string why = invalidReason(p, {L}, bias);
        QVERIFY2(QString::fromStdString(why).contains(message), why.c_str());
        QVERIFY_THROWS_EXCEPTION(algoscope::util::Error, validate(p, {L}, bias));
        // The same parameters without the offending part are fine.
        QVERIFY(invalidReason(NaParams{{axis(3)}}, {10}, true).empty());
    }

    void perAxisLists() {
        const NaParams p = makeParams(2, {7}, {1, 2}, {}, {0, 1});
        QCOMPARE(p.axes[0], axis(7, 1, 1, false));
        QCOMPARE(p.axes[1], axis(7, 2, 1, true));
        QVERIFY_THROWS_EXCEPTION(algoscope::util::Error, makeParams(2, {3, 3, 3}, {}, {}, {}));
        QVERIFY_THROWS_EXCEPTION(algoscope::util::Error, makeParams(1, {3}, {}, {}, {2}));
        QVERIFY_THROWS_EXCEPTION(algoscope::util::Error, makeParams(4, {3}, {}, {}, {}));
    }
};

QTEST_GUILESS_MAIN(TestNaIndex)
#include "TestNaIndex.moc"
