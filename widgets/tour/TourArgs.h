#pragma once
// Reading a tour action's arguments (Lab::applyTourAction): each reader leaves *out unchanged
// when the key is absent, and returns false with a message naming the key when it is present
// but not what the action accepts. Shared by every lab's tour code.
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cmath>
#include <type_traits>

namespace algoscope::ui::tourargs {

inline bool fail(QString* error, const QString& why) {
    if (error)
        *error = why;
    return false;
}

/// A number in [lo, hi] (an integer when `integer`).
inline bool numberArg(const QJsonObject& args, const char* key, double lo, double hi, bool integer,
                      double* out, QString* error) {
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !(d >= lo && d <= hi) || (integer && d != std::floor(d)))
        return fail(error,
                    QStringLiteral("'%1' must be %2 in [%3, %4]")
                        .arg(QLatin1String(key))
                        .arg(integer ? QStringLiteral("an integer") : QStringLiteral("a number"))
                        .arg(lo)
                        .arg(hi));
    *out = d;
    return true;
}

/// An integer in [lo, hi], into an int or a qint64.
template <typename Int>
bool intArg(const QJsonObject& args, const char* key, std::type_identity_t<Int> lo,
            std::type_identity_t<Int> hi, Int* out, QString* error) {
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || !(d >= double(lo) && d <= double(hi)))
        return fail(error, QStringLiteral("'%1' must be an integer in [%2, %3]")
                               .arg(QLatin1String(key))
                               .arg(lo)
                               .arg(hi));
    *out = Int(d);
    return true;
}

inline bool boolArg(const QJsonObject& args, const char* key, bool* out, QString* error) {
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isBool())
        return fail(error, QStringLiteral("'%1' must be true or false").arg(QLatin1String(key)));
    *out = v.toBool();
    return true;
}

/// A string, trimmed.
inline bool stringArg(const QJsonObject& args, const char* key, QString* out, QString* error) {
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return fail(error, QStringLiteral("'%1' must be a string").arg(QLatin1String(key)));
    *out = v.toString().trimmed();
    return true;
}

} // namespace algoscope::ui::tourargs
