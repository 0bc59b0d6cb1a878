#include "GpuCheckModel.h"

namespace algoscope::ui {

QJsonObject GpuCheckParams::toJson() const {
    return {{QStringLiteral("op"), op},           {QStringLiteral("minLog2"), minLog2},
            {QStringLiteral("maxLog2"), maxLog2}, {QStringLiteral("reps"), reps},
            {QStringLiteral("useGpu"), useGpu},   {QStringLiteral("seed"), double(seed)}};
}

GpuCheckParams GpuCheckParams::fromJson(const QJsonObject& o) {
    // Saved state may be old or hand-edited: every value is clamped to what the panel allows.
    GpuCheckParams p;
    const QString op = o.value(QStringLiteral("op")).toString(p.op);
    p.op = (op == QLatin1String("saxpy")) ? op : QStringLiteral("scan");
    p.minLog2 = std::clamp(o.value(QStringLiteral("minLog2")).toInt(p.minLog2), 0, 26);
    p.maxLog2 = std::clamp(o.value(QStringLiteral("maxLog2")).toInt(p.maxLog2), p.minLog2, 26);
    p.reps = std::clamp(o.value(QStringLiteral("reps")).toInt(p.reps), 1, 100);
    p.useGpu = o.value(QStringLiteral("useGpu")).toBool(p.useGpu);
    const double seed = o.value(QStringLiteral("seed")).toDouble(1);
    p.seed = seed >= 0 && seed < 9e15 ? quint64(seed) : 1;
    return p;
}

void GpuCheckModel::setParams(const GpuCheckParams& p) {
    if (p == m_params)
        return;
    m_params = p;
    Q_EMIT paramsChanged();
}

void GpuCheckModel::setResults(std::vector<GpuCheckRow> rows, std::vector<float> output,
                               const QString& op) {
    m_rows = std::move(rows);
    m_output = std::move(output);
    m_resultOp = op;
    Q_EMIT resultsChanged();
}

void GpuCheckModel::setDevice(bool available, const QString& info) {
    m_gpuAvailable = available;
    m_deviceInfo = info;
    Q_EMIT deviceChanged();
}

} // namespace algoscope::ui
