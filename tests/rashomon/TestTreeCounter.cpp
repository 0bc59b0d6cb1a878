// Exact tree counting against brute force: on tiny data sets every tree of the space is listed
// by an independent enumerator written here (its own tree type and evaluation), and the dynamic
// programme's counts per error, |F|, enumeration, uniform sampling (chi-square), pattern counts
// and the penalised objective must agree with it. Then symmetries, reference values from the
// lab's reference sheet (Semenova, Rudin & Parr's definitions, values computed independently for
// MONK's problems) and cancellation.
#include "rashomon/Dataset.h"
#include "rashomon/RashomonCurve.h"
#include "rashomon/TreeCounter.h"
#include "util/Error.h"

#include "TestHelpers.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

using namespace algoscope;
using namespace algoscope::rashomon;

namespace {

// ---- Independent brute force --------------------------------------------------------------
struct BfTree {
    int feature = -1, label = 0;
    std::shared_ptr<BfTree> yes, no;
};
using BfPtr = std::shared_ptr<BfTree>;

std::vector<BfPtr> allTrees(int p, int C, int depth, bool full) {
    std::vector<BfPtr> out;
    if (depth == 0 || !full)
        for (int c = 0; c < C; ++c) {
            auto t = std::make_shared<BfTree>();
            t->label = c;
            out.push_back(t);
        }
    if (depth > 0) {
        const auto sub = allTrees(p, C, depth - 1, full);
        for (int j = 0; j < p; ++j)
            for (const auto& a : sub)
                for (const auto& b : sub) {
                    auto t = std::make_shared<BfTree>();
                    t->feature = j;
                    t->yes = a;
                    t->no = b;
                    out.push_back(t);
                }
    }
    return out;
}

int bfPredict(const BfTree& t, const std::vector<int>& row) {
    if (t.feature < 0)
        return t.label;
    return row[std::size_t(t.feature)] ? bfPredict(*t.yes, row) : bfPredict(*t.no, row);
}

std::string bfKey(const BfTree& t) {
    if (t.feature < 0)
        return "L" + std::to_string(t.label);
    return "(" + std::to_string(t.feature) + " " + bfKey(*t.yes) + " " + bfKey(*t.no) + ")";
}

int bfLeaves(const BfTree& t) {
    return t.feature < 0 ? 1 : bfLeaves(*t.yes) + bfLeaves(*t.no);
}

struct Tiny {
    std::vector<std::vector<int>> rows;
    std::vector<int> y;
    int C;
    BinaryData data() const { return BinaryData::fromBits(rows, y, C); }
};

Tiny tinyA() { // 6 points, 2 features, 2 classes (an XOR with noise)
    return {{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 1}, {0, 0}}, {0, 1, 1, 0, 1, 0}, 2};
}
Tiny tinyB() { // 5 points, 3 features, 2 classes
    return {{{0, 0, 1}, {0, 1, 1}, {1, 0, 0}, {1, 1, 0}, {1, 0, 1}}, {0, 1, 1, 0, 0}, 2};
}
Tiny tinyC() { // 6 points, 2 features, 3 classes
    return {{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 0}, {0, 1}}, {0, 1, 2, 0, 1, 2}, 3};
}
Tiny tinyD() { // 4 points with identical feature vectors and mixed labels
    return {{{1, 0}, {1, 0}, {1, 0}, {0, 1}}, {0, 1, 1, 0}, 2};
}

Tiny tinyByName(const QString& n) {
    if (n == "A")
        return tinyA();
    if (n == "B")
        return tinyB();
    if (n == "C")
        return tinyC();
    return tinyD();
}

std::vector<long long> bfErrorCounts(const Tiny& t, int depth, bool full) {
    std::vector<long long> counts(t.y.size() + 1, 0);
    for (const auto& tree : allTrees(int(t.rows[0].size()), t.C, depth, full)) {
        int e = 0;
        for (std::size_t i = 0; i < t.rows.size(); ++i)
            e += bfPredict(*tree, t.rows[i]) != t.y[i];
        ++counts[std::size_t(e)];
    }
    return counts;
}

// True when value, rounded to the number of significant figures of printed, equals it.
bool printsAs(double value, const QString& printed) {
    const QString mant = printed.section('e', 0, 0).remove('.').remove('-');
    const int sig = int(mant.size());
    const double rounded = QString::number(value, 'e', sig - 1).toDouble();
    return std::abs(rounded - printed.toDouble()) <= 1e-9 * std::abs(printed.toDouble());
}

} // namespace

class TestTreeCounter : public QObject {
    Q_OBJECT

private slots:
    void countsMatchBruteForce_data() {
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("full");
        for (const char* d : {"A", "B", "C", "D"})
            for (int depth : {0, 1, 2})
                for (bool full : {false, true})
                    QTest::addRow("%s depth %d %s", d, depth, full ? "full" : "max")
                        << QString(d) << depth << full;
        QTest::addRow("A depth 3 max") << QString("A") << 3 << false; // 81 610 trees
        QTest::addRow("A depth 3 full") << QString("A") << 3 << true;
    }
    void countsMatchBruteForce() {
        QFETCH(QString, data);
        QFETCH(int, depth);
        QFETCH(bool, full);
        const Tiny t = tinyByName(data);
        const auto expected = bfErrorCounts(t, depth, full);
        const TreeSpace space = full ? TreeSpace::FullDepth : TreeSpace::MaxDepth;
        TreeCounter tc(t.data(), space, depth);
        long long total = 0;
        int best = -1;
        for (std::size_t e = 0; e < expected.size(); ++e) {
            total += expected[e];
            if (best < 0 && expected[e] > 0)
                best = int(e);
            QCOMPARE(double(tc.errorCounts()[e]), double(expected[e]));
        }
        QCOMPARE(tc.bestErrors(), best);
        QCOMPARE(tc.spaceSize().get_str(), std::to_string(total));
        // The exact (GMP) pass, truncated at every level, agrees too.
        for (int E = 0; E <= int(t.y.size()); ++E) {
            const auto exact = tc.exactErrorCounts(E);
            long long cum = 0;
            for (int e = 0; e <= E; ++e) {
                QCOMPARE(exact[std::size_t(e)].get_str(), std::to_string(expected[std::size_t(e)]));
                cum += expected[std::size_t(e)];
            }
            QCOMPARE(tc.exactSetSize(E).get_str(), std::to_string(cum));
            if (cum > 0)
                ALGOSCOPE_FUZZY_COMPARE(tc.log10SetSize(E), std::log10(double(cum)), 1e-12);
        }
    }

    void spaceSizeClosedForms() {
        // |F| for complete trees: p^(2^D - 1) C^(2^D); max-depth: T(d) = C + p T(d-1)^2.
        QCOMPARE(treeSpaceSize(TreeSpace::FullDepth, 2, 3, 2).get_str(), std::string("432"));
        QCOMPARE(treeSpaceSize(TreeSpace::MaxDepth, 1, 11, 2).get_str(), std::string("46"));
        QCOMPARE(treeSpaceSize(TreeSpace::MaxDepth, 2, 2, 2).get_str(), std::string("202"));
        // MONK's spaces at depth 7 exceed 1e170 (the reference sheet's remark).
        QVERIFY(treeSpaceSize(TreeSpace::MaxDepth, 7, 11, 2) >
                mpz_class("1" + std::string(170, '0')));
    }

    void enumerationListsExactlyTheSet_data() {
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("extra");
        QTest::newRow("A d2 +0") << QString("A") << 2 << 0;
        QTest::newRow("A d2 +1") << QString("A") << 2 << 1;
        QTest::newRow("B d2 +1") << QString("B") << 2 << 1;
        QTest::newRow("C d2 +1") << QString("C") << 2 << 1;
        QTest::newRow("D d2 +0") << QString("D") << 2 << 0;
    }
    void enumerationListsExactlyTheSet() {
        QFETCH(QString, data);
        QFETCH(int, depth);
        QFETCH(int, extra);
        const Tiny t = tinyByName(data);
        const BinaryData bd = t.data();
        TreeCounter tc(bd, TreeSpace::MaxDepth, depth);
        const int E = tc.bestErrors() + extra;
        std::set<std::string> expected;
        for (const auto& tree : allTrees(int(t.rows[0].size()), t.C, depth, false)) {
            int e = 0;
            for (std::size_t i = 0; i < t.rows.size(); ++i)
                e += bfPredict(*tree, t.rows[i]) != t.y[i];
            if (e <= E)
                expected.insert(bfKey(*tree));
        }
        const auto trees = tc.enumerate(E, 1000000);
        std::set<std::string> got;
        for (const auto& tr : trees) {
            got.insert(tr.key());
            QVERIFY(tr.errors(bd) <= E);
        }
        QCOMPARE(trees.size(), got.size()); // no duplicates
        QVERIFY(got == expected);
    }

    void nodeStatsAddUp() {
        // Every tree of depth <= 2 on B and C (the brute force's own trees, rebuilt as Tree):
        // the points reaching a split are those of its children, every point reaches one leaf,
        // and the leaves' wrong points are the brute force's error count.
        for (const Tiny& t : {tinyB(), tinyC()}) {
            const BinaryData bd = t.data();
            for (const auto& bf : allTrees(int(t.rows[0].size()), t.C, 2, false)) {
                Tree tr;
                std::function<int(const BfTree&)> add = [&](const BfTree& n) -> int {
                    const int i = int(tr.nodes.size());
                    tr.nodes.push_back({n.feature, n.label, -1, -1});
                    if (n.feature >= 0) {
                        const int y = add(*n.yes);
                        const int no = add(*n.no);
                        tr.nodes[std::size_t(i)].yes = y;
                        tr.nodes[std::size_t(i)].no = no;
                    }
                    return i;
                };
                add(*bf);
                int e = 0;
                for (std::size_t i = 0; i < t.rows.size(); ++i)
                    e += bfPredict(*bf, t.rows[i]) != t.y[i];
                const auto st = tr.nodeStats(bd);
                QCOMPARE(st.size(), tr.nodes.size());
                QCOMPARE(st[0].points, int(t.rows.size()));
                int points = 0, wrong = 0;
                for (std::size_t i = 0; i < tr.nodes.size(); ++i) {
                    const auto& n = tr.nodes[i];
                    if (n.feature < 0) {
                        points += st[i].points;
                        wrong += st[i].wrong;
                    } else {
                        QCOMPARE(st[i].wrong, 0);
                        QCOMPARE(st[i].points,
                                 st[std::size_t(n.yes)].points + st[std::size_t(n.no)].points);
                    }
                }
                QCOMPARE(points, int(t.rows.size()));
                QCOMPARE(wrong, e);
            }
        }
    }

    void enumerationRefusesLargeSets() {
        TreeCounter tc(tinyA().data(), TreeSpace::MaxDepth, 3);
        try {
            tc.enumerate(6, 100);
            QFAIL("expected LimitError");
        } catch (const util::LimitError& e) {
            QVERIFY(QString(e.what()).contains("81610"));
            QVERIFY(QString(e.what()).contains("limit of 100"));
        }
    }

    void samplingIsUniform() {
        // Chi-square of sampled keys against the uniform distribution over the set, which the
        // brute force lists. Fixed seed; 99.9 % critical value, so a correct sampler fails
        // with probability 1e-3 for a random seed and never for this fixed one.
        const Tiny t = tinyB();
        const BinaryData bd = t.data();
        TreeCounter tc(bd, TreeSpace::MaxDepth, 2);
        const int E = tc.bestErrors() + 1;
        std::map<std::string, int> freq;
        for (const auto& tree : allTrees(3, 2, 2, false)) {
            int e = 0;
            for (std::size_t i = 0; i < t.rows.size(); ++i)
                e += bfPredict(*tree, t.rows[i]) != t.y[i];
            if (e <= E)
                freq[bfKey(*tree)] = 0;
        }
        const int k = int(freq.size());
        QVERIFY(k >= 10);
        const int draws = 200 * k;
        util::Rng rng(2024);
        for (int i = 0; i < draws; ++i) {
            const Tree s = tc.sample(E, rng);
            auto it = freq.find(s.key());
            QVERIFY2(it != freq.end(), s.key().c_str());
            ++it->second;
        }
        const double expected = double(draws) / k;
        double chi2 = 0;
        for (const auto& [key, f] : freq)
            chi2 += (f - expected) * (f - expected) / expected;
        // Wilson-Hilferty approximation of the chi-square 0.999 quantile with k-1 dof.
        const double dof = k - 1, z = 3.090232;
        const double crit = dof * std::pow(1 - 2 / (9 * dof) + z * std::sqrt(2 / (9 * dof)), 3);
        QVERIFY2(chi2 < crit,
                 qPrintable(QString("chi2 %1 >= %2 (k=%3)").arg(chi2).arg(crit).arg(k)));
    }

    void samplingRespectsErrorLevelsOnMonk() {
        // On real data: every sample is within the set, and the share of optimal trees among
        // the samples matches the exact share (binomial, 4 sigma).
        const BinaryData bd = binarize(bundledDataset("monk1"), BinarizeSpec{});
        TreeCounter tc(bd, TreeSpace::MaxDepth, 3);
        const int E = maxErrorsFor(tc.bestErrors(), 0.05, bd.rows());
        const double pBest = double(tc.errorCounts()[std::size_t(tc.bestErrors())]) /
                             std::pow(10.0, tc.log10SetSize(E));
        util::Rng rng(7);
        const int N = 4000;
        int atBest = 0;
        for (int i = 0; i < N; ++i) {
            const Tree t = tc.sample(E, rng);
            const int e = t.errors(bd);
            QVERIFY(e >= tc.bestErrors() && e <= E);
            QVERIFY(t.depth() <= 3);
            atBest += e == tc.bestErrors();
        }
        const double sd = std::sqrt(N * pBest * (1 - pBest));
        QVERIFY2(std::abs(atBest - N * pBest) < 4 * sd + 1,
                 qPrintable(QString("%1 vs %2").arg(atBest).arg(N * pBest)));
    }

    void patternCountsMatchBruteForce_data() {
        // Depth 3 lists up to 1.6 million trees (C, three classes: two bit planes per vector).
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("full");
        QTest::addColumn<int>("extra");
        for (const char* d : {"A", "B", "C", "D"})
            for (int depth : {1, 2, 3})
                for (bool full : {false, true})
                    for (int extra : {0, 1, 2})
                        QTest::addRow("%s d%d %s +%d", d, depth, full ? "full" : "max", extra)
                            << QString(d) << depth << full << extra;
    }
    void patternCountsMatchBruteForce() {
        QFETCH(QString, data);
        QFETCH(int, depth);
        QFETCH(bool, full);
        QFETCH(int, extra);
        const Tiny t = tinyByName(data);
        TreeCounter tc(t.data(), full ? TreeSpace::FullDepth : TreeSpace::MaxDepth, depth);
        const int E = tc.bestErrors() + extra;
        std::set<std::vector<int>> inSpace, inSet;
        for (const auto& tree : allTrees(int(t.rows[0].size()), t.C, depth, full)) {
            std::vector<int> pred;
            int e = 0;
            for (std::size_t i = 0; i < t.rows.size(); ++i) {
                pred.push_back(bfPredict(*tree, t.rows[i]));
                e += pred.back() != t.y[i];
            }
            inSpace.insert(pred);
            if (e <= E)
                inSet.insert(pred);
        }
        const auto pc = tc.patternCounts(E, 100000);
        QVERIFY(pc.inSet && pc.inSpace);
        QCOMPARE(*pc.inSet, std::uint64_t(inSet.size()));
        QCOMPARE(*pc.inSpace, std::uint64_t(inSpace.size()));
        // A tiny limit gives "unknown" with the reason, never a wrong number.
        const auto small = tc.patternCounts(E, 1);
        QVERIFY(!small.inSpace || *small.inSpace == inSpace.size());
        QVERIFY(!small.inSet || *small.inSet == inSet.size());
        if (!small.inSpace || !small.inSet)
            QVERIFY(QString::fromStdString(small.note).contains("raise --pattern-limit"));
    }

    void patternsInTheSetOnMonkAtDepthThree() {
        // MONK-1, trees of depth <= 3, theta 0.05: the set's 66522 trees, listed by enumeration
        // (itself checked against brute force above) and evaluated on the training points,
        // have as many distinct prediction vectors as the pattern count says; and the whole
        // space has more vectors than any subset's, fewer than its trees.
        const BinaryData bd = binarize(bundledDataset("monk1"), BinarizeSpec{});
        TreeCounter tc(bd, TreeSpace::MaxDepth, 3);
        const int E = maxErrorsFor(tc.bestErrors(), 0.05, bd.rows());
        const auto trees = tc.enumerate(E, 100000);
        QCOMPARE(int(trees.size()), 66522);
        std::set<std::vector<int>> vectors;
        for (const Tree& tr : trees) {
            std::vector<int> v;
            for (std::size_t r = 0; r < bd.rows(); ++r)
                v.push_back(tr.predict(bd, r));
            vectors.insert(v);
        }
        const auto pc = tc.patternCounts(E, 200'000'000);
        QVERIFY2(pc.inSet, pc.note.c_str());
        QCOMPARE(*pc.inSet, std::uint64_t(vectors.size()));
        QVERIFY2(pc.inSpace, pc.note.c_str());
        QVERIFY(*pc.inSpace > *pc.inSet);
        QVERIFY(double(*pc.inSpace) < tc.spaceSize().get_d());
        // A limit below what the root needs: unknown, and the message says what to do.
        const auto capped = tc.patternCounts(E, 1000);
        QVERIFY(!capped.inSpace);
        QVERIFY(QString::fromStdString(capped.note).contains("raise --pattern-limit"));
    }

    void penalisedMatchesBruteForce_data() {
        QTest::addColumn<QString>("data");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("eps");
        QTest::addColumn<bool>("multiplicative");
        QTest::newRow("A mult") << QString("A") << 0.05 << 0.5 << true;
        QTest::newRow("B mult") << QString("B") << 0.05 << 0.3 << true;
        QTest::newRow("C add") << QString("C") << 0.02 << 0.2 << false;
    }
    void penalisedMatchesBruteForce() {
        QFETCH(QString, data);
        QFETCH(double, lambda);
        QFETCH(double, eps);
        QFETCH(bool, multiplicative);
        const Tiny t = tinyByName(data);
        const int depth = 2;
        const auto trees = allTrees(int(t.rows[0].size()), t.C, depth, false);
        const double n = double(t.y.size());
        std::vector<double> obj;
        double best = 1e9;
        for (const auto& tree : trees) {
            int e = 0;
            for (std::size_t i = 0; i < t.rows.size(); ++i)
                e += bfPredict(*tree, t.rows[i]) != t.y[i];
            obj.push_back(e / n + lambda * bfLeaves(*tree));
            best = std::min(best, obj.back());
        }
        const double bound = multiplicative ? (1 + eps) * best : best + eps;
        long long count = 0;
        for (double o : obj)
            count += o <= bound + 1e-9;
        const auto pc =
            countPenalised(t.data(), TreeSpace::MaxDepth, depth, lambda, eps, multiplicative);
        ALGOSCOPE_FUZZY_COMPARE(pc.bestObjective, best, 1e-12);
        QCOMPARE(pc.exactSetSize.get_str(), std::to_string(count));
    }

    void labelFlipAndComplementSymmetries() {
        const Tiny t = tinyB();
        TreeCounter base(t.data(), TreeSpace::MaxDepth, 3);
        // Swapping the two class labels maps each tree to one with the labels swapped and the
        // same errors.
        Tiny flipped = t;
        for (int& y : flipped.y)
            y = 1 - y;
        TreeCounter f(flipped.data(), TreeSpace::MaxDepth, 3);
        for (std::size_t e = 0; e < base.errorCounts().size(); ++e)
            QCOMPARE(double(f.errorCounts()[e]), double(base.errorCounts()[e]));
        // A duplicated feature and a complemented one split every set the same way (the
        // complement swaps yes and no, a bijection of trees): identical counts.
        Tiny dup = t, comp = t;
        for (auto& r : dup.rows)
            r.push_back(r[0]);
        for (auto& r : comp.rows)
            r.push_back(1 - r[0]);
        TreeCounter a(dup.data(), TreeSpace::MaxDepth, 3), b(comp.data(), TreeSpace::MaxDepth, 3);
        QCOMPARE(a.exactSetSize(5).get_str(), b.exactSetSize(5).get_str());
        for (std::size_t e = 0; e < a.errorCounts().size(); ++e)
            ALGOSCOPE_FUZZY_COMPARE(double(a.errorCounts()[e]), double(b.errorCounts()[e]), 1e-12);
        // Permuting features changes nothing.
        Tiny perm = t;
        for (auto& r : perm.rows)
            std::swap(r[0], r[2]);
        TreeCounter pm(perm.data(), TreeSpace::MaxDepth, 3);
        QCOMPARE(pm.exactSetSize(5).get_str(), base.exactSetSize(5).get_str());
    }

    // The lab's reference sheet (/work/shared/reference/rashomon.md): theta = 0.05, 0-1 loss,
    // best training error / Rashomon ratio, printed to one or two significant figures. The sheet
    // labels them "trees of depth at most D", but its MONK-2 and MONK-3 ratios (1.7e-5, 2.7e-6)
    // are those of COMPLETE trees of depth exactly D (1.654e-5, 2.651e-6); in the depth-at-most-D
    // space the same data give 1.578e-5 and 2.582e-6, which print as 1.6e-5 and 2.6e-6. MONK-1's
    // one-figure values fit both spaces. Other conventions (no repeated feature on a path, no
    // split with an empty side, a split with two equal leaves counted as a leaf, theta rounded
    // up or relative to the best loss, full one-hot coding with 17 columns) each miss at least
    // one of the five values; see docs/labs/rashomon.md. Both spaces' counts are checked against
    // brute force above, so the test below pins which space reproduces the sheet.
    void referenceValuesMonk_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("depth");
        QTest::addColumn<double>("bestError");
        QTest::addColumn<QString>("ratio");
        QTest::newRow("monk1 d1") << "monk1" << 1 << 0.266 << "2e-2";
        QTest::newRow("monk1 d3") << "monk1" << 3 << 0.089 << "1e-5";
        QTest::newRow("monk1 d5") << "monk1" << 5 << 0.0 << "7e-9";
        QTest::newRow("monk2 d3") << "monk2" << 3 << 0.243 << "1.7e-5";
        QTest::newRow("monk3 d3") << "monk3" << 3 << 0.139 << "2.7e-6";
    }
    void referenceValuesMonk() {
        QFETCH(QString, name);
        QFETCH(int, depth);
        QFETCH(double, bestError);
        QFETCH(QString, ratio);
        const BinaryData bd = binarize(bundledDataset(name.toStdString()), BinarizeSpec{});
        QCOMPARE(bd.cols(), std::size_t(11)); // the dummy-coded columns kept as they are
        TreeCounter tc(bd, TreeSpace::FullDepth, depth);
        QVERIFY(std::abs(double(tc.bestErrors()) / double(bd.rows()) - bestError) < 0.0005);
        const int E = maxErrorsFor(tc.bestErrors(), 0.05, bd.rows());
        const double r = std::pow(10.0, tc.log10Ratio(E));
        QVERIFY2(printsAs(r, ratio), qPrintable(QString("ratio %1 vs %2").arg(r).arg(ratio)));
        // The exact integers agree with the long-double ratio.
        const double exactRatio = tc.exactSetSize(E).get_d() / tc.spaceSize().get_d();
        ALGOSCOPE_FUZZY_COMPARE(exactRatio, r, 1e-12);
    }

    void maxDepthSpaceMissesTheSheetOnMonkTwoAndThree_data() {
        // Depth at most D (the paper's space and the lab's default): MONK-1 still prints as the
        // sheet does; MONK-2/3 print one unit lower in the second figure.
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("depth");
        QTest::addColumn<QString>("ratio");
        QTest::addColumn<bool>("asSheet");
        QTest::newRow("monk1 d1") << "monk1" << 1 << "2e-2" << true;
        QTest::newRow("monk1 d3") << "monk1" << 3 << "1e-5" << true;
        QTest::newRow("monk1 d5") << "monk1" << 5 << "7e-9" << true;
        QTest::newRow("monk2 d3") << "monk2" << 3 << "1.7e-5" << false;
        QTest::newRow("monk3 d3") << "monk3" << 3 << "2.7e-6" << false;
    }
    void maxDepthSpaceMissesTheSheetOnMonkTwoAndThree() {
        QFETCH(QString, name);
        QFETCH(int, depth);
        QFETCH(QString, ratio);
        QFETCH(bool, asSheet);
        const BinaryData bd = binarize(bundledDataset(name.toStdString()), BinarizeSpec{});
        TreeCounter tc(bd, TreeSpace::MaxDepth, depth);
        const int E = maxErrorsFor(tc.bestErrors(), 0.05, bd.rows());
        const double r = std::pow(10.0, tc.log10Ratio(E));
        QCOMPARE(printsAs(r, ratio), asSheet);
        // The two-figure values miss by less than 10 %: the same best errors, another space.
        if (!asSheet)
            QVERIFY(std::abs(r - ratio.toDouble()) <= 0.1 * ratio.toDouble());
    }

    void monkOneHasAnElbowShapedDrop() {
        // The sheet: "MONK-1 shows a clear elbow at depth 5": the best error reaches 0 at
        // depth 5 and not before.
        const BinaryData bd = binarize(bundledDataset("monk1"), BinarizeSpec{});
        TreeCounter d4(bd, TreeSpace::MaxDepth, 4), d5(bd, TreeSpace::MaxDepth, 5);
        QVERIFY(d4.bestErrors() > 0);
        QCOMPARE(d5.bestErrors(), 0);
    }

    void elbowOfSyntheticCurves() {
        // An L: steep descent, then flat; the corner is the elbow.
        QCOMPARE(elbowIndex({0, -1, -2, -3, -6, -9}, {0.5, 0.3, 0.1, 0.0, 0.0, 0.0}), 3);
        QCOMPARE(elbowIndex({0, -1}, {1, 0}), -1);              // too short
        QCOMPARE(elbowIndex({0, -1, -2}, {0.2, 0.1, 0.0}), -1); // a straight line has no turn
    }

    void monkOneCurveElbowAtDepthFive() {
        // The reference sheet: "MONK-1 shows a clear elbow at depth 5" (trees of depth <= D,
        // theta 0.05, training error against log ratio, depth 1..7).
        const BinaryData bd = binarize(bundledDataset("monk1"), BinarizeSpec{});
        const auto curve = rashomonCurve(bd, BinaryData{}, TreeSpace::MaxDepth, 7, 0.05, 1);
        QCOMPARE(int(curve.points.size()), 7);
        QVERIFY(curve.elbow >= 0);
        QCOMPARE(curve.points[std::size_t(curve.elbow)].depth, 5);
        for (std::size_t i = 1; i < curve.points.size(); ++i) {
            QVERIFY(curve.points[i].trainError <= curve.points[i - 1].trainError);
            QVERIFY(curve.points[i].log10Ratio < curve.points[i - 1].log10Ratio);
        }
    }

    void floatAndExactAgreeOnDeepSpaces() {
        // Depth 7 on MONK-2: |F| ~ 1e172; the long-double counts match GMP's to 1e-12.
        const BinaryData bd = binarize(bundledDataset("monk2"), BinarizeSpec{});
        TreeCounter tc(bd, TreeSpace::MaxDepth, 7);
        const int E = maxErrorsFor(tc.bestErrors(), 0.02, bd.rows());
        const mpz_class exact = tc.exactSetSize(E);
        long exp2 = 0;
        const double mant = mpz_get_d_2exp(&exp2, exact.get_mpz_t());
        const double log10Exact = std::log10(mant) + double(exp2) * std::log10(2.0);
        ALGOSCOPE_FUZZY_COMPARE(tc.log10SetSize(E), log10Exact, 1e-12);
        // The DP's total equals |F| from the closed form.
        ALGOSCOPE_FUZZY_COMPARE(double(std::log10(tc.spaceSizeApprox())), tc.log10SpaceSize(),
                                1e-12);
    }

    void limitsAreEnforced() {
        const BinaryData bd = tinyA().data();
        QVERIFY_THROWS_EXCEPTION(util::LimitError,
                                 TreeCounter(bd, TreeSpace::MaxDepth, kMaxTreeDepth + 1));
        QVERIFY_THROWS_EXCEPTION(util::Error, maxErrorsFor(0, -1.0, 10));
        QVERIFY_THROWS_EXCEPTION(util::Error, maxErrorsFor(0, std::nan(""), 10));
    }

    void cancellationStopsPromptly() {
        // Wine with 13 x 8 thresholds at depth 5 takes many seconds; a cancel must stop it
        // within 100 ms (the DP polls every 64 node computations).
        const BinaryData bd = binarize(bundledDataset("wine"), BinarizeSpec::parse("quantiles:8"));
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        std::atomic<bool> started{false};
        std::chrono::steady_clock::time_point cancelledAt;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            cancelledAt = std::chrono::steady_clock::now();
            token.cancel();
        });
        bool threw = false;
        try {
            TreeCounter tc(bd, TreeSpace::MaxDepth, 5, ctx);
        } catch (const util::Cancelled&) {
            threw = true;
        }
        const auto stopped = std::chrono::steady_clock::now();
        canceller.join();
        QVERIFY(threw);
        const double ms = std::chrono::duration<double, std::milli>(stopped - cancelledAt).count();
        QVERIFY2(ms < 100, qPrintable(QString("stopped %1 ms after cancel").arg(ms)));
    }
};

QTEST_GUILESS_MAIN(TestTreeCounter)
#include "TestTreeCounter.moc"
