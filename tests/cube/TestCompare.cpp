// The shared Q*-vs-A* comparison (cube/Compare.h): the same states for both methods, summaries
// that agree with the per-state results they carry (recomputed here by replaying each
// solution), the exact 2x2x2 table's verdict on optimality, and clear errors for states of the
// wrong size.
#include "cube/Compare.h"
#include "cube/CubieState.h"
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"
#include "util/Error.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::cube;

class TestCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void statesAreDeterministicScrambles() {
        const std::vector<Cube> a = comparisonStates(3, 5, 4, false, 9);
        const std::vector<Cube> b = comparisonStates(3, 5, 4, false, 9);
        QCOMPARE(int(a.size()), 5);
        QVERIFY(a == b);
        for (const Cube& c : a)
            QVERIFY(!c.isSolved()); // 4 quarter turns that never undo the previous one
        QVERIFY(comparisonStates(3, 5, 4, false, 10) != a);
        // Random 3x3x3 states: deterministic in the seed, reachable (tests/cube/TestCubieState).
        QVERIFY(comparisonStates(3, 2, 0, true, 1) == comparisonStates(3, 2, 0, true, 1));
        QVERIFY(cubieReport(comparisonStates(3, 1, 0, true, 1)[0]).reachable());
        const std::vector<Cube> random = comparisonStates(2, 3, 0, true, 1);
        QCOMPARE(int(random.size()), 3);
    }

    void summariesMatchTheirReplayedResults() {
        QNetwork net(2, 12, 16, 16, 1);
        net.net().init(4);
        const std::vector<Cube> states = comparisonStates(2, 3, 3, false, 2);
        const PocketTable table = PocketTable::build(Metric::Quarter);
        SearchLimits lim;
        lim.batch = 10;
        lim.lambda = 1.0;
        lim.maxNodes = 300000;
        lim.maxSeconds = 30;
        int calls = 0;
        const auto rows =
            compareSearches(net, states, lim, &table, {}, [&calls](int done) { calls = done; });
        QCOMPARE(calls, 6);
        QCOMPARE(int(rows.size()), 2);
        QCOMPARE(QString::fromStdString(rows[0].method), QStringLiteral("qstar"));
        QCOMPARE(QString::fromStdString(rows[1].method), QStringLiteral("astar"));
        for (const MethodSummary& row : rows) {
            QCOMPARE(row.actions, 12);
            QCOMPARE(row.scrambles, 3);
            QCOMPARE(int(row.results.size()), 3);
            int solved = 0, optimal = 0;
            double length = 0, nodes = 0, best = 0;
            for (std::size_t k = 0; k < states.size(); ++k) {
                const SearchResult& r = row.results[k];
                nodes += double(r.nodesGenerated);
                if (!r.solved)
                    continue;
                Cube c = states[k];
                c.apply(r.solution);
                QVERIFY(c.isSolvedUpToRotation());
                ++solved;
                length += lengthQtm(r.solution);
                optimal += lengthQtm(r.solution) == table.distance(states[k]);
                best += table.distance(states[k]);
            }
            QCOMPARE(row.solved, solved);
            QVERIFY(solved > 0);
            QVERIFY(std::abs(row.meanLengthQtm - length / solved) < 1e-9);
            QVERIFY(std::abs(row.meanNodesGenerated - nodes / 3) < 1e-9);
            QVERIFY(row.fractionOptimal.has_value());
            QVERIFY(std::abs(*row.fractionOptimal - double(optimal) / solved) < 1e-12);
            QVERIFY(row.meanOptimalQtm.has_value());
            QVERIFY(std::abs(*row.meanOptimalQtm - best / solved) < 1e-9);
            QVERIFY(*row.meanOptimalQtm <= row.meanLengthQtm);
        }
        // No table for a 3x3x3 network, and states must match the network's size.
        QVERIFY_THROWS_EXCEPTION(util::Error,
                                 compareSearches(net, comparisonStates(3, 1, 2, false, 1), lim));
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "TestCompare.moc"
