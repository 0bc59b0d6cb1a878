#pragma once
// Shared test helpers. One fuzzy compare with a stated tolerance, used by every numeric test.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <unistd.h>

namespace algoscope::test {

/// |a - b| <= absTol + relTol * max(|a|, |b|). NaN never compares equal.
inline bool nearlyEqual(double a, double b, double relTol = 1e-6, double absTol = 1e-9) {
    if (std::isnan(a) || std::isnan(b))
        return false;
    return std::abs(a - b) <= absTol + relTol * std::max(std::abs(a), std::abs(b));
}

/// Resident memory of this process in MiB (/proc/self/statm), for soak tests.
inline double residentMiB() {
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

} // namespace algoscope::test

#define ALGOSCOPE_FUZZY_COMPARE(actual, expected, relTol)                                          \
    QVERIFY2(::algoscope::test::nearlyEqual((actual), (expected), (relTol)),                       \
             qPrintable(QStringLiteral("%1 != %2 (rel tol %3)")                                    \
                            .arg(double(actual), 0, 'g', 17)                                       \
                            .arg(double(expected), 0, 'g', 17)                                     \
                            .arg(double(relTol))))
