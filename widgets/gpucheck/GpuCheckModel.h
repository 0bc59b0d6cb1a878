#pragma once
// State of the GPU check lab: the parameters the user edits (through SetGpuCheckParamsCmd on the
// lab's undo stack) and the results of the last run. Views listen to the ...Changed signals.
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace algoscope::ui {

struct GpuCheckParams {
    QString op = QStringLiteral("scan"); // "scan" (inclusive prefix sum) or "saxpy"
    int minLog2 = 10;                    // sizes 2^minLog2 .. 2^maxLog2
    int maxLog2 = 20;
    int reps = 5;
    bool useGpu = true;
    quint64 seed = 1;

    bool operator==(const GpuCheckParams&) const = default;
    QJsonObject toJson() const;
    static GpuCheckParams fromJson(const QJsonObject& o);
};

struct GpuCheckRow {
    std::int64_t size = 0;
    double cpuMs = 0;
    double gpuMs = -1;      // kernel time from GPU timer queries; <0 when the GPU did not run
    double gpuTotalMs = -1; // upload + compute + download
    double maxAbsDiff = 0;
    bool match = false;
};

class GpuCheckModel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    const GpuCheckParams& params() const { return m_params; }
    void setParams(const GpuCheckParams& p);

    const std::vector<GpuCheckRow>& rows() const { return m_rows; }
    /// The last output array of the largest size (a prefix of at most 1<<16 values, for display).
    const std::vector<float>& output() const { return m_output; }
    void setResults(std::vector<GpuCheckRow> rows, std::vector<float> output, const QString& op);
    QString resultOp() const { return m_resultOp; }

    /// GPU description (JSON text) or the reason there is no GPU.
    QString deviceInfo() const { return m_deviceInfo; }
    bool gpuAvailable() const { return m_gpuAvailable; }
    void setDevice(bool available, const QString& info);

Q_SIGNALS:
    void paramsChanged();
    void resultsChanged();
    void deviceChanged();

private:
    GpuCheckParams m_params;
    std::vector<GpuCheckRow> m_rows;
    std::vector<float> m_output;
    QString m_resultOp;
    QString m_deviceInfo;
    bool m_gpuAvailable = false;
};

} // namespace algoscope::ui
