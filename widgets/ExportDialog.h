#pragma once
// File > Export figure: file name (format from the extension), size in pixels and DPI.
#include "Exportable.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace algoscope::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& baseName, const QStringList& formats, const ExportOptions& defaults,
                 const QString& directory, QWidget* parent = nullptr);

    QString path() const;
    QString directory() const;
    ExportOptions options() const;

private:
    void browse();
    void syncSuffix();
    QLineEdit* m_path;
    QComboBox* m_format;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_dpi;
};

} // namespace algoscope::ui
