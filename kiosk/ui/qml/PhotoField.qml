// The photo for the card: the one taken when the face was checked, shown to its owner,
// with "use this photo" and "take another". While a new one is taken the camera's hint
// ("请靠近一点") is shown big in place of the photo.
import QtQuick

Row {
    id: field
    spacing: theme.spacing * 2

    Rectangle {
        id: frame
        width: Math.min(field.width * 0.5, 560); height: width * 3 / 4
        radius: 12; color: "white"
        border.color: theme.primary; border.width: 4
        Image {
            objectName: "formPhoto"
            anchors { fill: parent; margins: 8 }
            visible: !form.capturing && form.photo !== ""
            source: form.photo
            fillMode: Image.PreserveAspectFit
            cache: false                // personal data: not kept in Qt's pixmap cache
        }
        Column {
            anchors.centerIn: parent
            width: parent.width - 48
            spacing: theme.spacing
            visible: form.capturing || form.photo === ""
            Spinner {
                anchors.horizontalCenter: parent.horizontalCenter
                visible: form.capturing
                width: 80; height: 80
            }
            Text {
                objectName: "faceGuidance"
                width: parent.width; horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: form.capturing ? (form.guidance !== "" ? form.guidance
                                                               : qsTr("请正对摄像头"))
                                     : qsTr("还没有照片")
                color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            }
        }
    }

    Column {
        width: field.width - frame.width - field.spacing
        spacing: theme.spacing
        Text {
            objectName: "photoNotice"
            width: parent.width; wrapMode: Text.WordWrap
            visible: text !== ""
            text: form.photoNotice
            color: theme.text; font.pointSize: theme.bodySize; font.bold: true
        }
        BigButton {
            objectName: "usePhoto"
            width: parent.width
            visible: !form.capturing && form.photo !== ""
            label: qsTr("用这张照片")
            onClicked: form.usePhoto()
        }
        BigButton {
            objectName: "retakePhoto"
            width: parent.width
            visible: !form.capturing && form.canRetake
            secondary: form.photo !== ""
            label: form.photo !== "" ? qsTr("重新拍照") : qsTr("拍照")
            detail: qsTr("请正对上方的摄像头")
            onClicked: form.retakePhoto()
        }
        BigButton {
            objectName: "cancelCapture"
            width: parent.width
            visible: form.capturing
            secondary: true
            label: qsTr("不拍了，用原来的照片")
            onClicked: form.cancelCapture()
        }
    }
}
