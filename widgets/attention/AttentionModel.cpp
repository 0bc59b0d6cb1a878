#include "AttentionModel.h"

#include <QJsonArray>

#include <algorithm>

namespace algoscope::ui {

namespace {
QJsonArray pair(const std::array<int, 2>& a) {
    return {a[0], a[1]};
}
std::array<int, 2> pairOf(const QJsonValue& v, std::array<int, 2> fallback, int lo, int hi) {
    const QJsonArray a = v.toArray();
    if (a.size() != 2)
        return fallback;
    return {std::clamp(a[0].toInt(fallback[0]), lo, hi),
            std::clamp(a[1].toInt(fallback[1]), lo, hi)};
}
} // namespace

QJsonObject AttentionSettings::toJson() const {
    return {{"rank", rank},
            {"size", pair(size)},
            {"kernel", pair(kernel)},
            {"dilation", pair(dilation)},
            {"stride", pair(stride)},
            {"causal", QJsonArray{causal[0], causal[1]}},
            {"query", pair(query)},
            {"inverse", inverse},
            {"heads", heads},
            {"headDim", headDim},
            {"benchMaxKernel", benchMaxKernel},
            {"imageQuery", pair(imageQuery)}};
}

AttentionSettings AttentionSettings::fromJson(const QJsonObject& o) {
    // Settings files may be old or hand-edited: every value is range-checked; a parameter that
    // violates NATTEN's rules is kept (the lab shows why it is invalid), a corrupt one is reset.
    AttentionSettings s, d;
    s.rank = o["rank"].toInt(d.rank) == 1 ? 1 : 2;
    s.size = pairOf(o["size"], d.size, 1, kMaxSide);
    s.kernel = pairOf(o["kernel"], d.kernel, 1, kMaxSide);
    s.dilation = pairOf(o["dilation"], d.dilation, 1, kMaxSide);
    s.stride = pairOf(o["stride"], d.stride, 1, kMaxSide);
    const QJsonArray c = o["causal"].toArray();
    if (c.size() == 2)
        s.causal = {c[0].toBool(), c[1].toBool()};
    s.query = pairOf(o["query"], d.query, 0, kMaxSide - 1);
    s.inverse = o["inverse"].toBool(false);
    s.heads = std::clamp(o["heads"].toInt(d.heads), 1, 64);
    s.headDim = std::clamp(o["headDim"].toInt(d.headDim), 1, 256);
    s.benchMaxKernel = std::clamp(o["benchMaxKernel"].toInt(d.benchMaxKernel), 1, 63);
    s.imageQuery = pairOf(o["imageQuery"], d.imageQuery, 0, kMaxSide - 1);
    return s;
}

AttentionModel::AttentionModel(QObject* parent) : QObject(parent) {}

void AttentionModel::setSettings(const AttentionSettings& s) {
    if (s == m_settings)
        return;
    m_settings = s;
    Q_EMIT settingsChanged();
}

std::vector<int> AttentionModel::sizes() const {
    if (m_settings.rank == 1)
        return {m_settings.size[1]};
    return {m_settings.size[0], m_settings.size[1]};
}

attention::NaParams AttentionModel::params() const {
    attention::NaParams p;
    for (int a = 2 - m_settings.rank; a < 2; ++a)
        p.axes.push_back({m_settings.kernel[std::size_t(a)], m_settings.dilation[std::size_t(a)],
                          m_settings.stride[std::size_t(a)], m_settings.causal[std::size_t(a)]});
    return p;
}

QString AttentionModel::invalidReason() const {
    return QString::fromStdString(attention::invalidReason(params(), sizes()));
}

std::vector<int> AttentionModel::selected() const {
    const auto& s = m_settings;
    const int col = std::clamp(s.query[1], 0, s.size[1] - 1);
    if (s.rank == 1)
        return {col};
    return {std::clamp(s.query[0], 0, s.size[0] - 1), col};
}

void AttentionModel::setHover(std::optional<std::array<int, 2>> rowColumn) {
    if (rowColumn == m_hover)
        return;
    m_hover = rowColumn;
    Q_EMIT hoverChanged();
}

std::vector<int> AttentionModel::focus() const {
    if (!m_hover)
        return selected();
    if (m_settings.rank == 1)
        return {(*m_hover)[1]};
    return {(*m_hover)[0], (*m_hover)[1]};
}

attention::NaParams AttentionModel::imageParams() const {
    attention::NaParams p;
    for (int a = 0; a < 2; ++a) {
        const std::size_t i = m_settings.rank == 1 ? 1 : std::size_t(a);
        p.axes.push_back({m_settings.kernel[i], m_settings.dilation[i], m_settings.stride[i],
                          m_settings.causal[i]});
    }
    return p;
}

void AttentionModel::setImageAttention(std::shared_ptr<const attention::ImageAttention> a,
                                       QString error) {
    m_image = std::move(a);
    m_imageError = std::move(error);
    Q_EMIT imageChanged();
}

void AttentionModel::setBench(QVector<AttentionBenchPoint> points) {
    m_bench = std::move(points);
    Q_EMIT benchChanged();
}

} // namespace algoscope::ui
