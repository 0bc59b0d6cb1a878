#include "ContfracModel.h"

namespace algoscope::ui {

QJsonObject ContfracSettings::toJson() const {
    return {{"constant", constant},
            {"signs", signs},
            {"terms", terms},
            {"digits", digits},
            {"pcfA", pcfA},
            {"pcfB", pcfB},
            {"pcfDepth", pcfDepth},
            {"pcfRt", pcfRt},
            {"esmaConstant", esmaConstant},
            {"esmaDegree", esmaDegree},
            {"esmaCoeff", esmaCoeff},
            {"esmaMinPeriod", esmaMinPeriod},
            {"esmaMaxPeriod", esmaMaxPeriod},
            {"esmaDepth", esmaDepth},
            {"esmaVerifyDigits", esmaVerifyDigits}};
}

ContfracSettings ContfracSettings::fromJson(const QJsonObject& o) {
    // Out-of-range values fall back to the defaults; bad expressions are caught when computed.
    ContfracSettings s;
    auto intIn = [&](const char* key, int lo, int hi, int fallback) {
        const int v = o.value(QLatin1String(key)).toInt(fallback);
        return v < lo || v > hi ? fallback : v;
    };
    s.constant = o.value("constant").toString(s.constant).left(500);
    s.signs = o.value("signs").toString(s.signs).left(100);
    s.terms = intIn("terms", 1, 100000, s.terms);
    s.digits = intIn("digits", 0, 1000000, s.digits);
    s.pcfA = o.value("pcfA").toString(s.pcfA).left(500);
    s.pcfB = o.value("pcfB").toString(s.pcfB).left(500);
    s.pcfDepth = intIn("pcfDepth", 1, 20000, s.pcfDepth);
    s.pcfRt = o.value("pcfRt").toBool(s.pcfRt);
    s.esmaConstant = o.value("esmaConstant").toString(s.esmaConstant).left(500);
    s.esmaDegree = intIn("esmaDegree", 0, 3, s.esmaDegree);
    s.esmaCoeff = intIn("esmaCoeff", 1, 20, s.esmaCoeff);
    s.esmaMinPeriod = intIn("esmaMinPeriod", 1, 8, s.esmaMinPeriod);
    s.esmaMaxPeriod = intIn("esmaMaxPeriod", s.esmaMinPeriod, 8, std::max(2, s.esmaMinPeriod));
    s.esmaDepth = intIn("esmaDepth", 8, 2000, s.esmaDepth);
    s.esmaVerifyDigits = intIn("esmaVerifyDigits", 5, 10000, s.esmaVerifyDigits);
    return s;
}

ContfracModel::ContfracModel(QObject* parent) : QObject(parent) {}

void ContfracModel::setSettings(const ContfracSettings& s) {
    if (s == m_settings)
        return;
    m_settings = s;
    Q_EMIT settingsChanged();
}

void ContfracModel::setExpansion(QVector<ContfracTermRow> rows, int digitsUsed, QString message) {
    m_rows = std::move(rows);
    m_digitsUsed = digitsUsed;
    m_message = std::move(message);
    Q_EMIT expansionChanged();
}

void ContfracModel::setConvergence(const QString& role, ContfracSeries s) {
    m_convergence[role] = std::move(s);
    Q_EMIT seriesChanged();
}

void ContfracModel::setDelta(const QString& role, ContfracSeries s) {
    m_delta[role] = std::move(s);
    Q_EMIT seriesChanged();
}

void ContfracModel::removeSeries(const QString& role) {
    const bool a = m_convergence.remove(role) > 0;
    const bool b = m_delta.remove(role) > 0;
    if (a || b)
        Q_EMIT seriesChanged();
}

int ContfracModel::beginEsmaRun() {
    ++m_run;
    m_conjectures.clear();
    m_selected = -1;
    m_esmaStats = {};
    Q_EMIT conjecturesChanged();
    return m_run;
}

void ContfracModel::addConjecture(int run, ContfracConjecture c) {
    if (run != m_run)
        return; // a late result of a cancelled search
    m_conjectures.push_back(std::move(c));
    Q_EMIT conjectureAdded(int(m_conjectures.size()) - 1);
}

void ContfracModel::setEsmaStats(const contfrac::EsmaStats& s, const contfrac::EsmaOptions& o) {
    m_esmaStats = s;
    m_esmaOptions = o;
    Q_EMIT conjecturesChanged();
}

void ContfracModel::selectConjecture(int index) {
    if (index < -1 || index >= int(m_conjectures.size()))
        index = -1;
    m_selected = index;
    Q_EMIT selectionChanged(index);
}

void ContfracModel::setPcf(ContfracPcfResult r) {
    m_pcf = std::move(r);
    Q_EMIT pcfChanged();
}

void ContfracModel::setFormula(ContfracFormula f) {
    m_formula = std::move(f);
    Q_EMIT formulaChanged();
}

} // namespace algoscope::ui
