/** Carves typed arrays out of one zeroed buffer, widest first so each view stays aligned. */
export class Slab {
  private readonly buf: ArrayBuffer;
  private at = 0;
  constructor(bytes: number) {
    this.buf = new ArrayBuffer(bytes);
  }
  private take(bytes: number): number {
    const at = this.at;
    this.at += bytes;
    return at;
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.buf, this.take(8 * n), n);
  }
  i32(n: number): Int32Array {
    return new Int32Array(this.buf, this.take(4 * n), n);
  }
  u16(n: number): Uint16Array {
    return new Uint16Array(this.buf, this.take(2 * n), n);
  }
  u8(n: number): Uint8Array {
    return new Uint8Array(this.buf, this.take(n), n);
  }
  i8(n: number): Int8Array {
    return new Int8Array(this.buf, this.take(n), n);
  }
}
