// Test photos made with sharp: `await aPhoto().jpeg().takenAt(31.2304, 121.4737).onDevice('HUAWEI', 'P60 Pro').build()`.
import sharp from 'sharp';

type Format = 'jpeg' | 'png' | 'webp' | 'gif';

/** EXIF rationals as libvips writes them: "31/1 13/1 4944/100". */
function dms(value: number): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10_000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

class PhotoBuilder {
  private format: Format = 'jpeg';
  private width = 320;
  private height = 240;
  private alpha = false;
  private gps: { lat: number; lng: number } | undefined;
  private device: { make: string; model: string } | undefined;
  private dateTaken: string | undefined;
  private orientation: number | undefined;

  jpeg() {
    this.format = 'jpeg';
    return this;
  }
  png() {
    this.format = 'png';
    return this;
  }
  webp() {
    this.format = 'webp';
    return this;
  }
  gif() {
    this.format = 'gif';
    return this;
  }
  size(width: number, height: number) {
    this.width = width;
    this.height = height;
    return this;
  }
  transparent() {
    this.alpha = true;
    return this;
  }
  /** EXIF GPS in WGS-84 decimal degrees; negative for S / W. */
  takenAt(lat: number, lng: number) {
    this.gps = { lat, lng };
    return this;
  }
  onDevice(make: string, model: string) {
    this.device = { make, model };
    return this;
  }
  /** EXIF DateTimeOriginal, e.g. '2025:05:01 10:30:00'. */
  takenOn(when: string) {
    this.dateTaken = when;
    return this;
  }
  /** EXIF orientation (6: the camera was turned, show rotated 90° clockwise). */
  rotatedTag(orientation: number) {
    this.orientation = orientation;
    return this;
  }

  async build(): Promise<Buffer> {
    const channels = this.alpha ? 4 : 3;
    // Noise rather than a flat colour, so the encoders do real work and sizes look like photos.
    const pixels = Buffer.alloc(this.width * this.height * channels);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2_654_435_761) >>> 24;
    let image = sharp(pixels, { raw: { width: this.width, height: this.height, channels } });
    const ifd0: Record<string, string> = {};
    if (this.device) Object.assign(ifd0, { Make: this.device.make, Model: this.device.model });
    const exif = {
      ...(Object.keys(ifd0).length ? { IFD0: ifd0 } : {}),
      ...(this.dateTaken ? { IFD2: { DateTimeOriginal: this.dateTaken } } : {}),
      ...(this.gps
        ? {
            IFD3: {
              GPSLatitudeRef: this.gps.lat < 0 ? 'S' : 'N',
              GPSLatitude: dms(this.gps.lat),
              GPSLongitudeRef: this.gps.lng < 0 ? 'W' : 'E',
              GPSLongitude: dms(this.gps.lng),
            },
          }
        : {}),
    };
    if (this.orientation) image = image.withMetadata({ orientation: this.orientation });
    if (Object.keys(exif).length) image = image.withExifMerge(exif);
    return image.toFormat(this.format).toBuffer();
  }
}

export const aPhoto = () => new PhotoBuilder();
