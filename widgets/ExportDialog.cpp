#include "ExportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace algoscope::ui {

ExportDialog::ExportDialog(const QString& baseName, const QStringList& formats,
                           const ExportOptions& defaults, const QString& directory, QWidget* parent)
    : QDialog(parent), m_path(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_width(new QSpinBox(this)), m_height(new QSpinBox(this)), m_dpi(new QSpinBox(this)) {
    setWindowTitle(tr("Export figure"));
    for (const QString& f : formats)
        m_format->addItem(f.toUpper(), f);
    const QString dir = directory.isEmpty() ? QDir::currentPath() : directory;
    m_path->setText(
        QDir(dir).filePath(baseName + QLatin1Char('.') + formats.value(0, QStringLiteral("png"))));
    for (QSpinBox* s : {m_width, m_height}) {
        s->setRange(16, 16384);
        s->setSuffix(tr(" px"));
    }
    m_width->setValue(defaults.size.width());
    m_height->setValue(defaults.size.height());
    m_dpi->setRange(30, 2400);
    m_dpi->setValue(int(defaults.dpi));

    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout(this);
    form->addRow(tr("File"), pathRow);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    form->addRow(tr("DPI"), m_dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::syncSuffix);
}

void ExportDialog::syncSuffix() {
    QFileInfo info(m_path->text());
    m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') +
                                        m_format->currentData().toString()));
}

void ExportDialog::browse() {
    QStringList filters;
    for (int i = 0; i < m_format->count(); ++i)
        filters << QStringLiteral("%1 (*.%2)")
                       .arg(m_format->itemText(i), m_format->itemData(i).toString());
    QString selected = filters.value(m_format->currentIndex());
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export figure"), m_path->text(), filters.join(QStringLiteral(";;")), &selected);
    if (file.isEmpty())
        return;
    m_path->setText(file);
    const int idx = m_format->findData(QFileInfo(file).suffix().toLower());
    if (idx >= 0)
        m_format->setCurrentIndex(idx);
}

QString ExportDialog::path() const {
    return m_path->text();
}
QString ExportDialog::directory() const {
    return QFileInfo(m_path->text()).absolutePath();
}

ExportOptions ExportDialog::options() const {
    ExportOptions o;
    o.size = QSize(m_width->value(), m_height->value());
    o.dpi = m_dpi->value();
    return o;
}

} // namespace algoscope::ui
