// class-transformer keeps @Type metadata in a module it does not export a typed path to.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
