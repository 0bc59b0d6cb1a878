#include "GpuCheckResultsPanel.h"

#include "GpuCheckModel.h"

#include <QHeaderView>
#include <QTableWidget>

namespace algoscope::ui {

GpuCheckResultsPanel::GpuCheckResultsPanel(GpuCheckModel* model, QWidget* parent)
    : Panel(QStringLiteral("gpu"), QStringLiteral("results"), tr("Results"), parent),
      m_model(model), m_table(new QTableWidget(this)) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Size"), tr("CPU ms"), tr("GPU kernel ms"),
                                        tr("GPU total ms"), tr("max |CPU−GPU|"), tr("Agree")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWidget(m_table);
    connect(m_model, &GpuCheckModel::resultsChanged, this, &GpuCheckResultsPanel::requestRefresh);
}

void GpuCheckResultsPanel::refresh() {
    const auto& rows = m_model->rows();
    m_table->setRowCount(int(rows.size()));
    auto num = [](double v, int prec) {
        return v < 0 ? QStringLiteral("—") : QString::number(v, 'f', prec);
    };
    for (int r = 0; r < int(rows.size()); ++r) {
        const GpuCheckRow& row = rows[size_t(r)];
        const QStringList cells = {QString::number(row.size),
                                   num(row.cpuMs, 3),
                                   num(row.gpuMs, 3),
                                   num(row.gpuTotalMs, 3),
                                   row.gpuMs < 0 ? QStringLiteral("—")
                                                 : QString::number(row.maxAbsDiff, 'g', 3),
                                   row.gpuMs < 0 ? QStringLiteral("CPU only")
                                   : row.match   ? tr("yes")
                                                 : tr("NO")};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 5 && row.gpuMs >= 0 && !row.match)
                item->setForeground(Qt::red);
            m_table->setItem(r, c, item);
        }
    }
}

} // namespace algoscope::ui
