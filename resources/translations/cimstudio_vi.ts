<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi">
  <context>
    <name>Actions</name>
    <message>
      <source>&amp;New project</source>
      <translation>Dự án &amp;mới</translation>
    </message>
    <message>
      <source>&amp;Open project…</source>
      <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
      <source>&amp;Save project</source>
      <translation>&amp;Lưu dự án</translation>
    </message>
    <message>
      <source>Save project &amp;as…</source>
      <translation>Lưu dự án &amp;thành…</translation>
    </message>
    <message>
      <source>Import &amp;vector layer…</source>
      <translation>Nhập lớp &amp;vector…</translation>
    </message>
    <message>
      <source>Import &amp;raster layer…</source>
      <translation>Nhập lớp &amp;raster…</translation>
    </message>
    <message>
      <source>&amp;Reviewer mode (read-only)</source>
      <translation>Chế độ &amp;thẩm tra (chỉ xem)</translation>
    </message>
    <message>
      <source>Se&amp;ttings…</source>
      <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Thoát</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Làm lại</translation>
    </message>
    <message>
      <source>&amp;Delete selected features</source>
      <translation>&amp;Xóa đối tượng đã chọn</translation>
    </message>
    <message>
      <source>C&amp;lear selection</source>
      <translation>&amp;Bỏ chọn</translation>
    </message>
    <message>
      <source>&amp;Pan</source>
      <translation>&amp;Di chuyển bản đồ</translation>
    </message>
    <message>
      <source>&amp;Zoom to box</source>
      <translation>&amp;Phóng to theo khung</translation>
    </message>
    <message>
      <source>&amp;Identify features</source>
      <translation>&amp;Xem thông tin đối tượng</translation>
    </message>
    <message>
      <source>&amp;Select (click or box)</source>
      <translation>&amp;Chọn (nhấp hoặc kéo khung)</translation>
    </message>
    <message>
      <source>Select by &amp;polygon</source>
      <translation>Chọn theo &amp;đa giác</translation>
    </message>
    <message>
      <source>&amp;Measure distance</source>
      <translation>Đo &amp;khoảng cách</translation>
    </message>
    <message>
      <source>Measure &amp;area</source>
      <translation>Đo &amp;diện tích</translation>
    </message>
    <message>
      <source>&amp;Add feature</source>
      <translation>&amp;Thêm đối tượng</translation>
    </message>
    <message>
      <source>&amp;Vertex tool (move, add, delete)</source>
      <translation>Sửa đỉnh (di chuyển, thêm, &amp;xóa)</translation>
    </message>
    <message>
      <source>Zoom &amp;in</source>
      <translation>&amp;Phóng to</translation>
    </message>
    <message>
      <source>Zoom &amp;out</source>
      <translation>&amp;Thu nhỏ</translation>
    </message>
    <message>
      <source>Zoom to &amp;full extent</source>
      <translation>Xem &amp;toàn bộ</translation>
    </message>
    <message>
      <source>Zoom to &amp;layer</source>
      <translation>Phóng tới &amp;lớp</translation>
    </message>
    <message>
      <source>Zoom to &amp;selection</source>
      <translation>Phóng tới đối tượng đã &amp;chọn</translation>
    </message>
    <message>
      <source>&amp;Refresh map</source>
      <translation>&amp;Vẽ lại bản đồ</translation>
    </message>
    <message>
      <source>&amp;3D view</source>
      <translation>Khung nhìn &amp;3D</translation>
    </message>
    <message>
      <source>Open &amp;attribute table</source>
      <translation>Mở &amp;bảng thuộc tính</translation>
    </message>
    <message>
      <source>Attribute &amp;form of the selected feature</source>
      <translation>&amp;Biểu mẫu thuộc tính của đối tượng đã chọn</translation>
    </message>
    <message>
      <source>Layer &amp;style and properties</source>
      <translation>&amp;Kiểu hiển thị và thuộc tính lớp</translation>
    </message>
    <message>
      <source>&amp;Remove layer</source>
      <translation>&amp;Gỡ lớp</translation>
    </message>
    <message>
      <source>&amp;About CIM Studio</source>
      <translation>&amp;Giới thiệu CIM Studio</translation>
    </message>
  </context>
  <context>
    <name>AttributeForm</name>
    <message>
      <source>Attributes of %1 #%2</source>
      <translation>Thuộc tính của %1 #%2</translation>
    </message>
    <message>
      <source>Edit %1 field(s) of #%2</source>
      <translation>Sửa %1 trường của #%2</translation>
    </message>
  </context>
  <context>
    <name>AttributeTable</name>
    <message>
      <source>yes</source>
      <translation>có</translation>
    </message>
    <message>
      <source>no</source>
      <translation>không</translation>
    </message>
    <message>
      <source>Attribute table</source>
      <translation>Bảng thuộc tính</translation>
    </message>
    <message>
      <source>Filter, e.g.  category == 'residential' and far &gt; 2</source>
      <translation>Lọc, ví dụ:  category == 'residential' and far &gt; 2</translation>
    </message>
    <message>
      <source>Selected only</source>
      <translation>Chỉ đối tượng đã chọn</translation>
    </message>
    <message>
      <source>Zoom to selection</source>
      <translation>Phóng tới đối tượng đã chọn</translation>
    </message>
    <message>
      <source>%1 of %2 features shown</source>
      <translation>Hiển thị %1 trên %2 đối tượng</translation>
    </message>
    <message>
      <source>filter error:</source>
      <translation>lỗi biểu thức lọc:</translation>
    </message>
  </context>
  <context>
    <name>Dialogs</name>
    <message>
      <source>Settings</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <source>Language (after restart)</source>
      <translation>Ngôn ngữ (sau khi khởi động lại)</translation>
    </message>
    <message>
      <source>3D vertical exaggeration</source>
      <translation>Phóng đại chiều cao 3D</translation>
    </message>
    <message>
      <source>The language changes the next time CIM Studio starts.</source>
      <translation>Ngôn ngữ sẽ thay đổi ở lần khởi động CIM Studio tiếp theo.</translation>
    </message>
    <message>
      <source>About CIM Studio</source>
      <translation>Giới thiệu CIM Studio</translation>
    </message>
    <message>
      <source>A desktop GIS and City Information Model editor for Vietnamese urban planning: GIS layers, BIM/IFC models and technical networks in one model, checked against Decree 269/2025/NĐ-CP.</source>
      <translation>Phần mềm GIS và biên tập mô hình thông tin đô thị (CIM) cho quy hoạch đô thị Việt Nam: lớp GIS, mô hình BIM/IFC và mạng hạ tầng kỹ thuật trong một mô hình, được kiểm tra theo Nghị định 269/2025/NĐ-CP.</translation>
    </message>
    <message>
      <source>Open formats: GeoPackage, GeoTIFF, IFC, CityJSON.</source>
      <translation>Định dạng mở: GeoPackage, GeoTIFF, IFC, CityJSON.</translation>
    </message>
  </context>
  <context>
    <name>FileOps</name>
    <message>
      <source>Open &amp;recent</source>
      <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
      <source>(no recent projects)</source>
      <translation>(chưa có dự án gần đây)</translation>
    </message>
    <message>
      <source>Open project</source>
      <translation>Mở dự án</translation>
    </message>
    <message>
      <source>Opening %1…</source>
      <translation>Đang mở %1…</translation>
    </message>
    <message>
      <source>Save project as</source>
      <translation>Lưu dự án thành</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>Đã lưu %1</translation>
    </message>
    <message>
      <source>Saving %1…</source>
      <translation>Đang lưu %1…</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
      <source>The project has unsaved changes. Save them?</source>
      <translation>Dự án có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
    <message>
      <source>Imported %1</source>
      <translation>Đã nhập %1</translation>
    </message>
    <message>
      <source>Importing %1…</source>
      <translation>Đang nhập %1…</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>Import vector layer</source>
      <translation>Nhập lớp vector</translation>
    </message>
    <message>
      <source>Import raster layer</source>
      <translation>Nhập lớp raster</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Chọn tệp…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Tệp</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Lớp</translation>
    </message>
    <message>
      <source>Declared CRS</source>
      <translation>Hệ tọa độ khai báo</translation>
    </message>
    <message>
      <source>CRS to use</source>
      <translation>Hệ tọa độ sử dụng</translation>
    </message>
    <message>
      <source>The file declares no coordinate reference system. Choose the one it was drawn in (for Phú Thọ usually VN-2000 / TM-3 104-45, EPSG:9208).</source>
      <translation>Tệp không khai báo hệ tọa độ. Hãy chọn hệ tọa độ dữ liệu đã được vẽ (ở Phú Thọ thường là VN-2000 / TM-3 104-45, EPSG:9208).</translation>
    </message>
  </context>
  <context>
    <name>LayerTree</name>
    <message>
      <source>features</source>
      <translation>đối tượng</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>Lớp dữ liệu</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>2D map</source>
      <translation>Bản đồ 2D</translation>
    </message>
    <message>
      <source>CIM Studio</source>
      <translation>CIM Studio</translation>
    </message>
    <message>
      <source>&amp;Undo %1</source>
      <translation>&amp;Hoàn tác %1</translation>
    </message>
    <message>
      <source>&amp;Redo %1</source>
      <translation>&amp;Làm lại %1</translation>
    </message>
    <message>
      <source>Untitled project</source>
      <translation>Dự án chưa đặt tên</translation>
    </message>
    <message>
      <source>Reviewer (read-only)</source>
      <translation>Người thẩm tra (chỉ xem)</translation>
    </message>
    <message>
      <source>Delete %1 feature(s)</source>
      <translation>Xóa %1 đối tượng</translation>
    </message>
    <message>
      <source>Reviewer mode: editing is disabled</source>
      <translation>Chế độ thẩm tra: không cho phép chỉnh sửa</translation>
    </message>
    <message>
      <source>Editing enabled</source>
      <translation>Đã bật chỉnh sửa</translation>
    </message>
    <message>
      <source>3D view</source>
      <translation>Khung nhìn 3D</translation>
    </message>
  </context>
  <context>
    <name>Menus</name>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Tệp</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Chỉnh sửa</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Xem</translation>
    </message>
    <message>
      <source>&amp;Layer</source>
      <translation>&amp;Lớp</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>&amp;Công cụ</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Dự án</translation>
    </message>
    <message>
      <source>Editing</source>
      <translation>Chỉnh sửa</translation>
    </message>
    <message>
      <source>Map</source>
      <translation>Bản đồ</translation>
    </message>
  </context>
  <context>
    <name>Panels</name>
    <message>
      <source>Log</source>
      <translation>Nhật ký</translation>
    </message>
    <message>
      <source>error</source>
      <translation>lỗi</translation>
    </message>
    <message>
      <source>warning</source>
      <translation>cảnh báo</translation>
    </message>
    <message>
      <source>info</source>
      <translation>thông tin</translation>
    </message>
    <message>
      <source>Undo history</source>
      <translation>Lịch sử thao tác</translation>
    </message>
    <message>
      <source>&lt;project opened&gt;</source>
      <translation>&lt;mở dự án&gt;</translation>
    </message>
    <message>
      <source>Identify results</source>
      <translation>Thông tin đối tượng</translation>
    </message>
    <message>
      <source>Feature / field</source>
      <translation>Đối tượng / trường</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Giá trị</translation>
    </message>
    <message>
      <source>Nothing here</source>
      <translation>Không có đối tượng nào ở đây</translation>
    </message>
  </context>
  <context>
    <name>StatusBar</name>
    <message>
      <source>Scale</source>
      <translation>Tỷ lệ</translation>
    </message>
    <message>
      <source>%1 selected</source>
      <translation>Đã chọn %1</translation>
    </message>
  </context>
  <context>
    <name>StylePanel</name>
    <message>
      <source>Single colour</source>
      <translation>Một màu</translation>
    </message>
    <message>
      <source>Categorised</source>
      <translation>Theo loại</translation>
    </message>
    <message>
      <source>Graduated</source>
      <translation>Phân cấp</translation>
    </message>
    <message>
      <source>Layer style</source>
      <translation>Kiểu hiển thị lớp</translation>
    </message>
    <message>
      <source>Hillshade</source>
      <translation>Bóng địa hình</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Tên</translation>
    </message>
    <message>
      <source>Style</source>
      <translation>Kiểu</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Trường</translation>
    </message>
    <message>
      <source>Fill</source>
      <translation>Màu nền</translation>
    </message>
    <message>
      <source>Outline / line</source>
      <translation>Đường viền / đường</translation>
    </message>
    <message>
      <source>Line width (px)</source>
      <translation>Độ rộng nét (px)</translation>
    </message>
    <message>
      <source>Marker size (px)</source>
      <translation>Cỡ ký hiệu (px)</translation>
    </message>
    <message>
      <source>Colour ramp</source>
      <translation>Dải màu</translation>
    </message>
    <message>
      <source>Classes</source>
      <translation>Số lớp</translation>
    </message>
    <message>
      <source>Labels</source>
      <translation>Nhãn</translation>
    </message>
    <message>
      <source>Opacity</source>
      <translation>Độ mờ đục</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Áp dụng</translation>
    </message>
    <message>
      <source>Legend</source>
      <translation>Chú giải</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(không)</translation>
    </message>
    <message>
      <source>Style of %1</source>
      <translation>Kiểu hiển thị của %1</translation>
    </message>
  </context>
  <context>
    <name>Tools</name>
    <message>
      <source>Selected 1 feature in %1</source>
      <translation>Đã chọn 1 đối tượng trong %1</translation>
    </message>
    <message>
      <source>Selected %1 feature(s) in %2</source>
      <translation>Đã chọn %1 đối tượng trong %2</translation>
    </message>
    <message>
      <source>Area: %1  (perimeter %2 m)</source>
      <translation>Diện tích: %1  (chu vi %2 m)</translation>
    </message>
    <message>
      <source>Distance: %1 m</source>
      <translation>Khoảng cách: %1 m</translation>
    </message>
    <message>
      <source>value</source>
      <translation>giá trị</translation>
    </message>
    <message>
      <source>%1 result(s) at %2, %3</source>
      <translation>%1 kết quả tại %2, %3</translation>
    </message>
    <message>
      <source>point</source>
      <translation>điểm</translation>
    </message>
    <message>
      <source>line</source>
      <translation>đường</translation>
    </message>
    <message>
      <source>polygon</source>
      <translation>vùng</translation>
    </message>
    <message>
      <source>Choose a vector layer to add features to</source>
      <translation>Hãy chọn một lớp vector để thêm đối tượng</translation>
    </message>
    <message>
      <source>A %1 needs at least %2 vertices</source>
      <translation>Một %1 cần ít nhất %2 đỉnh</translation>
    </message>
    <message>
      <source>Added feature #%1 to %2</source>
      <translation>Đã thêm đối tượng #%1 vào %2</translation>
    </message>
    <message>
      <source>This vertex cannot be deleted: the shape would have too few vertices</source>
      <translation>Không thể xóa đỉnh này: hình sẽ còn quá ít đỉnh</translation>
    </message>
    <message>
      <source>Vertex deleted</source>
      <translation>Đã xóa đỉnh</translation>
    </message>
    <message>
      <source>Vertex moved</source>
      <translation>Đã di chuyển đỉnh</translation>
    </message>
    <message>
      <source>Vertex added</source>
      <translation>Đã thêm đỉnh</translation>
    </message>
    <message>
      <source>The edit was not applied: it would make the geometry invalid</source>
      <translation>Không áp dụng thay đổi: hình học sẽ không hợp lệ</translation>
    </message>
  </context>
  <context>
    <name>Workers</name>
    <message>
      <source>Something went wrong that CIM Studio did not expect</source>
      <translation>Đã xảy ra lỗi ngoài dự kiến của CIM Studio</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Đang xử lý…</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>OK</source>
      <translation>Đồng ý</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Không lưu</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Có</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>&amp;Không</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Áp dụng</translation>
    </message>
  </context>
  <context>
    <name>QColorDialog</name>
    <message>
      <source>Select Color</source>
      <translation>Chọn màu</translation>
    </message>
  </context>
</TS>