// ESMA search (core/contfrac/Esma.h) and its export. Expected values: the reference facts of this
// lab: with the reference algorithm (Massey mod 199, regeneration from deg C terms) on e, degree 1,
// coefficients +-2, depth 105, the search finds 13 conjectures including e - 1 and e/(e - 1) with
// recurrence [1, 0, -2, 0, 1]; the signed results' convergence after 60 terms (e - 1: 104.5 digits
// signed / 62.2 simple, e/(e-1): 102.9 / 62.6). Sign-period counts are checked against the number
// of primitive binary words (2, 2, 6, 12 for lengths 1..4).
#include "contfrac/Esma.h"
#include "contfrac/EsmaExport.h"
#include "util/Error.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace algoscope;
using namespace algoscope::contfrac;

namespace {

const Conjecture* findLhs(const EsmaResult& r, const std::string& lhs) {
    for (const auto& c : r.conjectures)
        if (c.lhs == lhs)
            return &c;
    return nullptr;
}

std::vector<long> coeffs(const Recurrence& r) {
    std::vector<long> c;
    for (const auto& z : r.c)
        c.push_back(z.get_si());
    return c;
}

EsmaOptions eSearch(bool reference) {
    EsmaOptions o;
    o.constant = "e";
    o.degree = 1;
    o.coeffLimit = 2;
    o.minPeriod = 1;
    o.maxPeriod = 2;
    o.depth = 105;
    o.referenceDefects = reference;
    o.threads = 2;
    return o;
}

} // namespace

class TestEsma : public QObject {
    Q_OBJECT
    // The two searches of the reference facts, run once (they dominate the test's time).
    EsmaResult m_fixed, m_ref;
    std::vector<std::string> m_streamed;

private slots:
    void initTestCase() {
        std::mutex m;
        m_fixed = runEsma(eSearch(false), {}, [&](const Conjecture& c) {
            std::lock_guard<std::mutex> lock(m);
            m_streamed.push_back(c.lhs);
        });
        m_ref = runEsma(eSearch(true));
    }

    void signPeriods() {
        QCOMPARE(enumerateSignPeriods(1, 1).size(), std::size_t(2));
        QCOMPARE(enumerateSignPeriods(2, 2).size(), std::size_t(2)); // +- and -+
        QCOMPARE(enumerateSignPeriods(1, 4).size(), std::size_t(2 + 2 + 6 + 12));
        const auto p = enumerateSignPeriods(3, 3);
        // Rotations are kept: ++-, +-+, -++ are all there.
        std::set<std::vector<int>> s(p.begin(), p.end());
        QVERIFY(s.count({1, 1, -1}) && s.count({1, -1, 1}) && s.count({-1, 1, 1}));
        QVERIFY(!s.count({1, 1, 1}));
        QVERIFY_THROWS_EXCEPTION(util::Error, enumerateSignPeriods(0, 2));
    }

    void leftHandSides() {
        const auto lhs = enumerateLeftHandSides("e", 1, 1);
        // Distinct |values| of (a e + b)/(c e + d), coefficients in {-1, 0, 1}: brute force by
        // hand gives e, 1/e, e+1, e-1, 1/(e+1), 1/(e-1), e/(e+1), e/(e-1), (e+1)/e, (e-1)/e,
        // (e+1)/(e-1), (e-1)/(e+1).
        QCOMPARE(lhs.size(), std::size_t(12));
        std::set<std::string> texts;
        for (const auto& l : lhs)
            texts.insert(lhsText(l.P, l.Q, "e"));
        QVERIFY(texts.count("e - 1"));
        QVERIFY(texts.count("e/(e - 1)"));
        QVERIFY(texts.count("1/e"));
    }

    // The reference algorithm's 13 results, reproduced with its two defects switched on.
    void referenceCount() {
        const EsmaResult& r = m_ref;
        QCOMPARE(r.conjectures.size(), std::size_t(13));
        for (const char* lhs : {"e - 1", "e/(e - 1)"}) {
            const Conjecture* c = findLhs(r, lhs);
            QVERIFY2(c, lhs);
            QCOMPARE(coeffs(c->recurrence), (std::vector<long>{1, 0, -2, 0, 1}));
        }
    }

    // With the defects fixed the search finds every reference result and more, and reports the
    // reference table's convergence rates.
    void fixedFindsMore() {
        const EsmaResult& fixed = m_fixed;
        const EsmaResult& ref = m_ref;
        QVERIFY(fixed.conjectures.size() > ref.conjectures.size());
        QCOMPARE(m_streamed.size(), fixed.conjectures.size());
        for (const auto& c : ref.conjectures)
            QVERIFY2(findLhs(fixed, c.lhs), c.lhs.c_str());
        const Conjecture* em1 = findLhs(fixed, "e - 1");
        QVERIFY(em1);
        QCOMPARE(em1->signs, (std::vector<int>{-1, 1}));
        QVERIFY(std::abs(em1->signedDigits - 104.5) < 0.1);
        QVERIFY(std::abs(em1->simpleDigits - 62.2) < 0.1);
        const Conjecture* eem1 = findLhs(fixed, "e/(e - 1)");
        QVERIFY(eem1);
        // [1; 2, 3, 2, 5, ...] with (+,-) and [2; 2, 3, 2, 5, ...] with (-,+) both give 102.9
        // digits (102.892 and 102.906); the search keeps the faster one.
        QVERIFY(eem1->signs == (std::vector<int>{1, -1}) ||
                eem1->signs == (std::vector<int>{-1, 1}));
        QVERIFY(std::abs(eem1->signedDigits - 102.9) < 0.1);
        QVERIFY(std::abs(eem1->simpleDigits - 62.6) < 0.1);
        // e itself: its SCF has an irregular leading term, lost by the reference code.
        QVERIFY(findLhs(fixed, "e"));
        QVERIFY(!findLhs(ref, "e"));
        for (const auto& c : fixed.conjectures) {
            QVERIFY(c.verifiedDigits >= 100);
            QVERIFY(c.recurrence.confirmed);
            QVERIFY(c.recurrence.length < 105 / 4);
            // The recurrence reproduces every extracted (certified) term.
            const auto regen = c.recurrence.generate(c.terms.size());
            for (std::size_t i = 0; i < c.terms.size(); ++i)
                QVERIFY(regen[i] == c.terms[i]);
        }
        // pi has no such fractions (reference facts: not in Hurwitz's class).
        EsmaOptions o = eSearch(false);
        o.constant = "pi";
        o.coeffLimit = 1;
        QCOMPARE(runEsma(o).conjectures.size(), std::size_t(0));
    }

    void exportFormats() {
        const EsmaOptions o = eSearch(false);
        const EsmaResult& r = m_fixed;
        const Conjecture* c = findLhs(r, "e - 1");
        QVERIFY(c);
        const nlohmann::json j = conjectureJson(*c);
        QCOMPARE(j["lhs"].get<std::string>(), std::string("e - 1"));
        QCOMPARE(j["terms"][0].get<long>(), 2L);
        QCOMPARE(j["recurrence"]["length"].get<long>(), long(c->recurrence.length));
        const std::string tex = conjectureLatex(*c);
        QVERIFY2(tex.rfind("e - 1 = 2 - \\cfrac{1}{3 + \\cfrac{1}{2 - ", 0) == 0, tex.c_str());
        // Braces balance.
        long depth = 0;
        for (char ch : tex)
            depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
        QCOMPARE(depth, 0L);
        const std::string doc = conjecturesLatexDocument(r.conjectures, "e");
        QVERIFY(doc.find("\\begin{document}") != std::string::npos);
        const nlohmann::json all = esmaResultJson(r, o);
        QCOMPARE(all["count"].get<std::size_t>(), r.conjectures.size());
    }

    void cancellation() {
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        bool cancelled = false;
        std::chrono::steady_clock::time_point stoppedAt;
        std::thread worker([&] {
            EsmaOptions o;
            o.constant = "e";
            o.coeffLimit = 6;
            o.maxPeriod = 4;
            o.threads = 2;
            try {
                runEsma(o, ctx);
            } catch (const util::Cancelled&) {
                cancelled = true;
            }
            stoppedAt = std::chrono::steady_clock::now();
            mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); // this thread's MPFR caches (LSan)
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const auto t0 = std::chrono::steady_clock::now();
        token.cancel();
        worker.join();
        QVERIFY(cancelled);
        const double ms = std::chrono::duration<double, std::milli>(stoppedAt - t0).count();
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms) + " ms"));
    }

    void badOptions() {
        EsmaOptions o;
        o.degree = 3;
        o.coeffLimit = 20; // 41^8 tuples
        QVERIFY_THROWS_EXCEPTION(util::LimitError, runEsma(o));
        o = EsmaOptions();
        o.constant = "e +";
        QVERIFY_THROWS_EXCEPTION(util::Error, runEsma(o));
        o = EsmaOptions();
        o.depth = 2;
        QVERIFY_THROWS_EXCEPTION(util::Error, runEsma(o));
    }
};

QTEST_GUILESS_MAIN(TestEsma)
#include "TestEsma.moc"
