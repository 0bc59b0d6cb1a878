#include "RashomonModel.h"

#include <cmath>
#include <set>

namespace algoscope::ui {

QJsonObject RashomonSettings::toJson() const {
    return {{"dataset", dataset},           {"classColumn", classColumn},
            {"quantiles", quantiles},       {"depth", depth},
            {"fullDepth", fullDepth},       {"theta", theta},
            {"testFraction", testFraction}, {"seed", seed},
            {"featureX", featureX},         {"featureY", featureY}};
}

RashomonSettings RashomonSettings::fromJson(const QJsonObject& o) {
    RashomonSettings s;
    s.dataset = o.value("dataset").toString(s.dataset);
    s.classColumn = o.value("classColumn").toString();
    s.quantiles = std::clamp(o.value("quantiles").toInt(s.quantiles), 1, 16);
    s.depth = std::clamp(o.value("depth").toInt(s.depth), 1, 7);
    s.fullDepth = o.value("fullDepth").toBool(false);
    s.theta = std::clamp(o.value("theta").toDouble(s.theta), 0.0, 1.0);
    s.testFraction = std::clamp(o.value("testFraction").toDouble(s.testFraction), 0.0, 0.9);
    s.seed = o.value("seed").toInt(s.seed);
    s.featureX = std::max(0, o.value("featureX").toInt(s.featureX));
    s.featureY = std::max(0, o.value("featureY").toInt(s.featureY));
    return s;
}

RashomonModel::RashomonModel(QObject* parent) : QObject(parent) {}

void RashomonModel::setSettings(const RashomonSettings& s) {
    if (s == m_settings)
        return;
    m_settings = s;
    Q_EMIT settingsChanged();
}

void RashomonModel::setResult(std::shared_ptr<RashomonResult> r) {
    m_result = std::move(r);
    Q_EMIT resultChanged();
}

int RashomonModel::maxErrors() const {
    if (!m_result || !m_result->counter)
        return -1;
    return rashomon::maxErrorsFor(m_result->counter->bestErrors(), m_settings.theta,
                                  m_result->counter->data().rows());
}

QString RashomonModel::setSizeText() const {
    if (!m_result || !m_result->counter)
        return {};
    const double l = m_result->counter->log10SetSize(maxErrors());
    if (l < 15)
        return QString::number(std::round(std::pow(10.0, l)), 'f', 0);
    const double e = std::floor(l);
    return QStringLiteral("%1e%2").arg(std::pow(10.0, l - e), 0, 'f', 3).arg(int(e));
}

double RashomonModel::log10Ratio() const {
    if (!m_result || !m_result->counter)
        return 0;
    return m_result->counter->log10Ratio(maxErrors());
}

void RashomonModel::setTrees(std::vector<rashomon::Tree> t, bool wholeSet) {
    m_trees = std::move(t);
    m_wholeSet = wholeSet;
    Q_EMIT treesChanged();
}

std::vector<std::pair<QString, double>> RashomonModel::featureUse() const {
    std::vector<std::pair<QString, double>> out;
    if (!m_result || !m_result->counter || m_trees.empty())
        return out;
    const auto& data = m_result->counter->data();
    std::vector<int> uses(data.cols(), 0);
    for (const auto& t : m_trees) {
        std::set<int> f;
        for (const auto& n : t.nodes)
            if (n.feature >= 0)
                f.insert(n.feature);
        for (int j : f)
            ++uses[std::size_t(j)];
    }
    for (std::size_t j = 0; j < uses.size(); ++j)
        if (uses[j])
            out.emplace_back(QString::fromStdString(data.features[j].name),
                             double(uses[j]) / double(m_trees.size()));
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

QString RashomonModel::treesAsText() const {
    if (!m_result || !m_result->counter)
        return {};
    const auto& data = m_result->counter->data();
    QString s;
    int i = 0;
    for (const auto& t : m_trees) {
        s += QStringLiteral("# tree %1: %2 training errors, %3 leaves\n")
                 .arg(++i)
                 .arg(t.errors(data))
                 .arg(t.leaves());
        s += QString::fromStdString(t.toText(data)) + "\n";
    }
    return s;
}

} // namespace algoscope::ui
